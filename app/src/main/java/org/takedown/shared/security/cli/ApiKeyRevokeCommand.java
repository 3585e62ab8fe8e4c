package org.takedown.shared.security.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.ApiKey;
import org.takedown.shared.security.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code takedown apikey revoke}. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key by id or prefix.")
final class ApiKeyRevokeCommand extends DatabaseCommand {

    @Parameters(paramLabel = "ID_OR_PREFIX", description = "The key")
    String key;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        ApiKey revoked = context.getBean(ApiKeys.class).revoke(key);
        out().printf("Revoked API key %d (%s).%n", revoked.id(), revoked.name());
        return 0;
    }
}
