package org.takedown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.DatabaseOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts the web application and leaves it running; {@code demo} and {@code serve} differ in their settings. */
abstract class ServerCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--port", description = "HTTP port (default: 8080, or SERVER_PORT)")
    Integer port;

    @Spec
    CommandSpec spec;

    /** The settings of this mode, as Spring arguments. */
    abstract List<String> modeArguments();

    /** Checks the mode can start; returns an error message, or null. */
    String refusal() {
        return null;
    }

    /** Work before the application starts (fetching data, say). */
    void prepare() {}

    @Override
    public Integer call() {
        String refusal = refusal();
        if (refusal != null) {
            spec.commandLine().getErr().println("error: " + refusal);
            return 2;
        }
        prepare();
        List<String> args = new ArrayList<>(database.springArguments());
        args.addAll(modeArguments());
        if (port != null) {
            args.add("--server.port=" + port);
        }
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(TakedownApplication.class).run(args.toArray(String[]::new));
        return context.isActive() ? Takedown.RUNNING : 1;
    }
}
