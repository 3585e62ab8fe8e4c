package org.takedown.shared.security.cli;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code takedown apikey create}. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Issue an API key and print its token once (it cannot be shown again).")
final class ApiKeyCreateCommand extends DatabaseCommand {

    @Option(names = "--name", required = true, description = "Who the key is for, e.g. 'Police NL intake'")
    String name;

    @Option(
            names = "--scope",
            required = true,
            split = ",",
            description = "Scope(s), repeat or comma-separate: report, hashcheck, banks, hoster, audit, metrics, admin")
    List<String> scopes;

    @Option(names = "--company", paramLabel = "ID", description = "Hosting company id (required for scope hoster)")
    Long hostingCompanyId;

    @Option(
            names = "--source",
            split = ",",
            description = "For scope report: the source(s) its reports may claim, e.g. police, foreign-hotline")
    List<String> sources = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "N", description = "Requests per minute (default: configured default)")
    Integer ratePerMinute;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        List<ApiScope> parsed = new ArrayList<>();
        for (String scope : scopes) {
            try {
                parsed.add(ApiScope.parse(scope));
            } catch (IllegalArgumentException e) {
                err().println("error: " + e.getMessage());
                return 2;
            }
        }
        ApiKeys.IssuedApiKey issued =
                context.getBean(ApiKeys.class).create(name, parsed, hostingCompanyId, ratePerMinute, sources);
        out().printf(
                        "Created API key %d (%s), prefix %s.%n",
                        issued.key().id(), issued.key().name(), issued.key().prefix());
        out().println("Token, shown only now:");
        out().println(issued.token());
        return 0;
    }
}
