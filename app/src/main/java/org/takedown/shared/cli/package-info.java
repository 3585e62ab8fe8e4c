/** What every database command of the {@code takedown} CLI shares: database options and context start-up. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.cli;
