package org.takedown.shared.security.cli;

import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.ApiKey;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import picocli.CommandLine.Command;

/** {@code takedown apikey list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never their tokens).")
final class ApiKeyListCommand extends DatabaseCommand {

    @Override
    protected int run(ConfigurableApplicationContext context) {
        out().printf(
                        "%-5s %-10s %-28s %-24s %-24s %-7s %-8s %s%n",
                        "ID", "PREFIX", "NAME", "SCOPES", "REPORTS FOR", "RATE", "STATE", "LAST USED");
        for (ApiKey key : context.getBean(ApiKeys.class).list()) {
            out().printf(
                            "%-5d %-10s %-28s %-24s %-24s %-7d %-8s %s%n",
                            key.id(),
                            key.prefix(),
                            key.name(),
                            key.scopes().stream().map(ApiScope::id).collect(Collectors.joining(",")),
                            key.reportSources().isEmpty() ? "-" : String.join(",", key.reportSources()),
                            key.ratePerMinute(),
                            key.active() ? "active" : "revoked",
                            key.lastUsedAt() == null ? "never" : key.lastUsedAt());
        }
        return 0;
    }
}
