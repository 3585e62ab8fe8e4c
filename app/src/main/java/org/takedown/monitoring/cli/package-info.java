/** CLI of the hosting monitor: the yearly report. */
@org.springframework.modulith.NamedInterface("cli")
package org.takedown.monitoring.cli;
