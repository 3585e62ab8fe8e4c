package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.UserAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code takedown user reset-password}. */
@Command(
        name = "reset-password",
        mixinStandardHelpOptions = true,
        description = "Give an account a new generated password and print it once.")
final class UserResetPasswordCommand extends DatabaseCommand {

    @Parameters(paramLabel = "USERNAME", description = "The account")
    String username;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        String password = context.getBean(UserAccounts.class).resetPassword(username, null);
        out().printf("New password for %s, shown only now: %s%n", username, password);
        return 0;
    }
}
