package org.takedown.shared.audit.cli;

import picocli.CommandLine.Command;

/** {@code takedown audit ...}: the audit log. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Work with the append-only audit log.",
        subcommands = AuditVerifyCommand.class)
public final class AuditCommand {}
