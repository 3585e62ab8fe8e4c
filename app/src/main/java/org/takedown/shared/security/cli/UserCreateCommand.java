package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code takedown user create}. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create an account and print its generated password once.")
final class UserCreateCommand extends DatabaseCommand {

    @Option(names = "--username", required = true, description = "Sign-in name (lower case)")
    String username;

    @Option(
            names = "--role",
            required = true,
            description = "One of: ${COMPLETION-CANDIDATES}",
            converter = RoleConverter.class)
    Role role;

    @Option(names = "--company", paramLabel = "ID", description = "Hosting company id (HOSTER accounts only)")
    Long hostingCompanyId;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        UserAccounts.NewAccount created =
                context.getBean(UserAccounts.class).create(username, role, hostingCompanyId, null);
        out().printf(
                        "Created %s (%s). Password, shown only now: %s%n",
                        created.account().username(), created.account().role(), created.password());
        return 0;
    }
}
