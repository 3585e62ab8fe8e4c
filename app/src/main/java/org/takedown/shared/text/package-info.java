/** What people read, in their language: texts made in Java (a message key with its arguments) and moments ({@code #times}). */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.text;
