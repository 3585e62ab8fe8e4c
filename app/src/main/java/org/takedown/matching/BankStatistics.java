package org.takedown.matching;

/** Size and use of a hash list: active and disabled entries, lookups and matches in the last 30 days. */
public record BankStatistics(String bank, long entries, long disabledEntries, long lookups30d, long matches30d) {}
