/** Internals of the hash check service: bank storage, the in-memory indexes, imports. */
@org.jspecify.annotations.NullMarked
package org.takedown.matching.internal;
