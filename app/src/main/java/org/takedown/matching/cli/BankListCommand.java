package org.takedown.matching.cli;

import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.matching.BankStatistics;
import org.takedown.matching.Banks;
import org.takedown.shared.cli.DatabaseCommand;
import picocli.CommandLine.Command;

/** {@code takedown bank list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the hash lists of the local database.")
final class BankListCommand extends DatabaseCommand {

    @Override
    protected int run(ConfigurableApplicationContext context) {
        Banks banks = context.getBean(Banks.class);
        out().printf(
                        "%-24s %-10s %-8s %10s %10s %10s %10s%n",
                        "NAME", "SOURCE", "STATE", "ENTRIES", "DISABLED", "LOOKUPS30D", "MATCHES30D");
        var statistics = banks.statistics();
        for (var bank : banks.list()) {
            BankStatistics s = statistics.stream()
                    .filter(candidate -> candidate.bank().equals(bank.name()))
                    .findFirst()
                    .orElse(new BankStatistics(bank.name(), 0, 0, 0, 0));
            out().printf(
                            "%-24s %-10s %-8s %10d %10d %10d %10d%n",
                            bank.name(),
                            bank.source(),
                            bank.enabled() ? "enabled" : "disabled",
                            s.entries(),
                            s.disabledEntries(),
                            s.lookups30d(),
                            s.matches30d());
        }
        return 0;
    }
}
