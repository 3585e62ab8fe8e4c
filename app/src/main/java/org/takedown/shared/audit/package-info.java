/** The append-only, hash-chained audit log of every decision, and its verification. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.audit;
