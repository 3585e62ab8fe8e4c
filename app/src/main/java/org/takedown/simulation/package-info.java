/** Simulated hosting companies on an accelerated clock, for the demo and for tests of the whole chain. */
package org.takedown.simulation;
