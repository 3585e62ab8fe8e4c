package org.takedown.shared.audit.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.audit.AuditVerification;
import org.takedown.shared.cli.DatabaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code takedown audit verify}: recomputes the hash chain; exit 1 names the first broken entry. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Recompute the audit log's hash chain. Exits 1 naming the first entry that was changed, removed or",
            "inserted. Note the last hash it prints somewhere safe and pass it later with --expect, so that",
            "entries cut off the end are noticed too."
        })
final class AuditVerifyCommand extends DatabaseCommand {

    @Option(names = "--expect", paramLabel = "HASH", description = "A hash noted earlier that must still be in the log")
    String expected;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        AuditLog log = context.getBean(AuditLog.class);
        AuditVerification result = log.verify();
        if (!result.intact()) {
            err().printf(
                            "Audit log BROKEN at entry %d: %s. %d entries before it are intact.%n",
                            result.firstBrokenId(), result.problem(), result.entries());
            return 1;
        }
        if (expected != null && !log.contains(expected.strip())) {
            err().printf("Audit log BROKEN: no entry has the expected hash %s (entries were removed).%n", expected);
            return 1;
        }
        out().printf("Audit log intact: %d entries, last hash %s%n", result.entries(), result.lastHash());
        return 0;
    }
}
