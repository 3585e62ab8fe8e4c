package org.takedown;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.attribution.cli.AttributeCommand;
import org.takedown.attribution.cli.DataCommand;
import org.takedown.intake.cli.ImportCommand;
import org.takedown.matching.cli.BankCommand;
import org.takedown.matching.cli.HashCommand;
import org.takedown.matching.cli.ScanCommand;
import org.takedown.monitoring.cli.ReportCommand;
import org.takedown.shared.audit.cli.AuditCommand;
import org.takedown.shared.cli.ApplicationContexts;
import org.takedown.shared.cli.DatabaseOptions;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.security.cli.ApiKeyCommand;
import org.takedown.shared.security.cli.UserCommand;
import org.takedown.simulation.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code takedown} command line: runs the demo or the server, and administers a Takedown database. */
@Command(
        name = "takedown",
        mixinStandardHelpOptions = true,
        versionProvider = Takedown.Version.class,
        usageHelpWidth = 100,
        description = {
            "Takedown gets child sexual abuse material off the internet: intake and triage of reports,",
            "attribution to hosting companies, notice-and-takedown, hash checks, monitoring and enforcement.",
            "",
            "Commands work on the embedded PostgreSQL under ./data unless TAKEDOWN_DB_URL (or --db-url)",
            "names an external one."
        },
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            UserCommand.class,
            ApiKeyCommand.class,
            AuditCommand.class,
            HashCommand.class,
            ScanCommand.class,
            BankCommand.class,
            AttributeCommand.class,
            DataCommand.class,
            ImportCommand.class,
            SimulateCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (the message says why)", "2:wrong usage"})
public final class Takedown implements ApplicationContexts {

    public static void main(String[] args) {
        VirtualThreadCarriers.configure();
        int code = commandLine().execute(args);
        if (code != RUNNING) {
            System.exit(code);
        }
    }

    /** Exit code a server command returns while its server keeps running in other threads. */
    static final int RUNNING = -1;

    /** The command line with Takedown's error handling, for {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Takedown());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (error instanceof InvalidRequestException || error instanceof NotFoundException) {
                err.println("error: " + error.getMessage());
                return 1;
            }
            err.println("error: " + rootMessage(error));
            return 1;
        });
        return commandLine;
    }

    @Override
    public ConfigurableApplicationContext startBatch(DatabaseOptions database) {
        return startBatch(database.springArguments());
    }

    @Override
    public ConfigurableApplicationContext startBatch(List<String> springArguments) {
        List<String> args = new ArrayList<>(springArguments);
        args.add("--spring.main.banner-mode=off");
        args.add("--spring.main.log-startup-info=false");
        args.add("--logging.level.root=WARN");
        // a command does its own work: background workers (attribution, first looks, ...) run in the server only
        args.add("--takedown.workers.enabled=false");
        return new SpringApplicationBuilder(TakedownApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Takedown.class.getPackage().getImplementationVersion();
            return new String[] {"Takedown " + (version != null ? version : "(development build)")};
        }
    }
}
