package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.UserAccount;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Command;

/** {@code takedown user list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List all accounts.")
final class UserListCommand extends DatabaseCommand {

    @Override
    protected int run(ConfigurableApplicationContext context) {
        out().printf("%-24s %-11s %-8s %-8s %s%n", "USERNAME", "ROLE", "COMPANY", "STATE", "CREATED");
        for (UserAccount account : context.getBean(UserAccounts.class).list()) {
            out().printf(
                            "%-24s %-11s %-8s %-8s %s%n",
                            account.username(),
                            account.role(),
                            account.hostingCompanyId() == null ? "-" : account.hostingCompanyId(),
                            account.enabled() ? "enabled" : "disabled",
                            account.createdAt());
        }
        return 0;
    }
}
