/** Background jobs: the work modules do on a schedule, which the simulation can also run step by step. */
@org.jspecify.annotations.NullMarked
package org.takedown.shared.jobs;
