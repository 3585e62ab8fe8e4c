package org.takedown.matching;

/** One hash to check: its type name ({@code md5}, {@code sha1}, {@code sha256}, {@code pdq}) and hex value. */
public record HashQuery(String type, String value) {}
