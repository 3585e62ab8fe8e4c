package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code takedown user disable}. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account.")
final class UserDisableCommand extends DatabaseCommand {

    @Parameters(paramLabel = "USERNAME", description = "The account")
    String username;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        context.getBean(UserAccounts.class).setEnabled(username, false);
        out().printf("%s: disabled%n", username);
        return 0;
    }
}
