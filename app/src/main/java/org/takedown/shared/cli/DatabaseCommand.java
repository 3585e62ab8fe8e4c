package org.takedown.shared.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that works on a Takedown database: starts the application without web server, runs, and closes it.
 * Its actions are audited as {@code cli:<operating-system user>}.
 */
public abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    private DatabaseOptions database;

    @Spec
    private CommandSpec spec;

    /** Does the command's work with the running application. */
    protected abstract int run(ConfigurableApplicationContext context);

    @Override
    public Integer call() {
        ApplicationContexts contexts = (ApplicationContexts) spec.root().userObject();
        try (ConfigurableApplicationContext context = contexts.startBatch(database)) {
            var authentication = new CommandLineActor("cli:" + System.getProperty("user.name", "unknown"));
            SecurityContextHolder.getContext().setAuthentication(authentication);
            return run(context);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Where the command writes its output. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where the command writes errors. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The authentication of a command-line run: named for the audit log, with no web authorities. */
    private static final class CommandLineActor extends AbstractAuthenticationToken {
        private final String name;

        CommandLineActor(String name) {
            super(List.of());
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
