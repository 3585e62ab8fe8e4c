package org.takedown.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.takedown.Takedown;
import picocli.CommandLine;

/** Runs the {@code takedown} command line in-process against a test database, capturing what it prints. */
public final class Cli {

    private Cli() {}

    /** Runs {@code args} on {@code database}; returns "EXIT_CODE|output and errors". */
    public static String run(TestDatabase.Info database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db-url=" + database.url());
        all.add("--db-username=" + database.username());
        if (!database.password().isEmpty()) {
            all.add("--db-password=" + database.password());
        }
        all.add("--db-owner-username=" + database.ownerUsername());
        if (!database.ownerPassword().isEmpty()) {
            all.add("--db-owner-password=" + database.ownerPassword());
        }
        return runExactly(all.toArray(String[]::new));
    }

    /** Runs exactly {@code args}; returns "EXIT_CODE|output and errors". */
    public static String runExactly(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Takedown.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int code = commandLine.execute(args);
        return code + "|" + out;
    }
}
