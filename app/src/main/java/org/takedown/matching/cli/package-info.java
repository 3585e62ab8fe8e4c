/** CLI of the hash check service: local hashing, directory scans against a server, bank imports. */
package org.takedown.matching.cli;
