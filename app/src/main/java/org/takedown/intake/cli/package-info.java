/** CLI of intake: bulk imports of reports. */
@org.springframework.modulith.NamedInterface("cli")
package org.takedown.intake.cli;
