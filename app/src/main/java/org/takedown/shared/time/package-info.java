/** The one clock Takedown takes time from, and the simulated clock the simulation runs on. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.time;
