/** CLI of the simulation: running a scenario through the whole chain. */
@org.springframework.modulith.NamedInterface("cli")
package org.takedown.simulation.cli;
