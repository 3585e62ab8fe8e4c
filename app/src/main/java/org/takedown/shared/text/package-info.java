/** Texts made in Java that a person reads: a message key with its arguments, shown in the reader's language. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.text;
