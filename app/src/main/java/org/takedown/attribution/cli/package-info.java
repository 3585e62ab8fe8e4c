/** CLI of attribution: the offline data sets and the attribution chain of a URL. */
@org.springframework.modulith.NamedInterface("cli")
package org.takedown.attribution.cli;
