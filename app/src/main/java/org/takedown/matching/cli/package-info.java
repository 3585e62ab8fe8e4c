/** CLI of the hash check service: local hashing, directory scans against a server, bank imports. */
@org.springframework.modulith.NamedInterface("cli")
package org.takedown.matching.cli;
