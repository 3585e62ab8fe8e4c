package org.takedown.matching;

/**
 * Outcome of importing a hash list file, all of which was taken.
 *
 * @param lines data lines read
 * @param added new entries
 * @param duplicates lines whose hash the list already had (or that repeated an earlier line)
 */
public record ImportResult(long lines, long added, long duplicates) {}
