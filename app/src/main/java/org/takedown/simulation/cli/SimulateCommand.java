package org.takedown.simulation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.shared.cli.ApplicationContexts;
import org.takedown.shared.text.Text;
import org.takedown.simulation.Scenario;
import org.takedown.simulation.Simulator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code takedown simulate SCENARIO --out DIR}: the whole chain on a simulated web, on a fresh embedded database. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Run a scenario (scenarios/*.yaml) through the whole chain on a fresh embedded database and a",
            "simulated clock: reports arrive, are assessed by the simulation's rule, attributed, notified and",
            "checked until removed or the scenario ends. Writes DIR/truth.csv (what the simulated companies did)",
            "and DIR/measured.csv (what Takedown measured). Nothing leaves this machine: the simulated web runs on",
            "loopback."
        })
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "the scenario file, e.g. scenarios/demo.yaml")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the results")
    Path out;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--as-fast-as-possible", description = "no pauses (default)")
        boolean fast;

        @Option(names = "--speed", paramLabel = "N", description = "simulated seconds per real second at most")
        double speed;
    }

    @Option(names = "--step", paramLabel = "DURATION", description = "simulated time per step (default: PT1M)")
    Duration step = Duration.ofMinutes(1);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        Scenario loaded;
        try {
            loaded = Scenario.load(scenario);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("takedown-simulation-");
        List<String> args = arguments(loaded, data);
        ApplicationContexts contexts = (ApplicationContexts) spec.root().userObject();
        long began = System.nanoTime(); // real time spent, for the operator; the run itself is on the simulated clock
        try (ConfigurableApplicationContext context = contexts.startBatch(args)) {
            Simulator simulator = context.getBean(Simulator.class);
            simulator.setUp();
            Duration realPerStep =
                    pace.speed > 0 ? Duration.ofNanos((long) (step.toNanos() / pace.speed)) : Duration.ZERO;
            simulator.run(step, realPerStep, t -> {
                if (t.getEpochSecond() % 86_400 == 0) {
                    outWriter.printf("simulated %s (%d s)%n", t, seconds(began));
                    outWriter.flush();
                }
            });
            List<Simulator.JobTotals> totals = simulator.totals();
            int width = totals.stream().mapToInt(t -> t.job().length()).max().orElse(0);
            for (Simulator.JobTotals total : totals) {
                outWriter.printf(
                        "  %-" + width + "s %9d items in %8d runs, %6.1f s real (%.0f/s)%n",
                        total.job(),
                        total.items(),
                        total.runs(),
                        total.realTime().toMillis() / 1000.0,
                        total.perSecond());
            }
            simulator.writeTruth(out.resolve("truth.csv"));
            simulator.writeMeasured(out.resolve("measured.csv"));
            writeReport(context, loaded);
            writeWatchList(context, outWriter);
        } finally {
            delete(data);
        }
        outWriter.printf(
                "Simulated %s in %d s: %s, %s and %s%n",
                loaded.name(),
                seconds(began),
                out.resolve("truth.csv"),
                out.resolve("measured.csv"),
                out.resolve("report.json"));
        return 0;
    }

    /** The application's settings for a batch run of the scenario on the simulated clock, data in {@code data}. */
    private List<String> arguments(Scenario loaded, Path data) throws IOException {
        return new ArrayList<>(List.of(
                "--takedown.db.embedded.data-dir=" + data.resolve("postgres"),
                "--takedown.db.embedded.port=" + freePort(),
                "--takedown.data-dir=" + data,
                "--takedown.clock.mode=simulated",
                "--takedown.clock.start=" + loaded.start(),
                "--takedown.clock.speed=0",
                "--takedown.attribution.resolver=simulation",
                "--takedown.simulation.scenario=" + scenario.toAbsolutePath(),
                "--takedown.probing.allow-loopback=true",
                "--takedown.probing.first-look=false",
                "--takedown.probing.connect-timeout=1s",
                // a simulated server that does not answer costs the run this much real time per check (each batch
                // waits for its slowest check): short, yet far above a loopback answer (under a millisecond to a
                // few; in one measured run 6 of 428 737 checks timed out without a simulated stall, beside 423 stalls)
                "--takedown.probing.read-timeout=30ms",
                "--takedown.simulation.timeout-stall=300ms",
                // the clock must not run ahead of a check that is still waiting for its answer
                "--takedown.probing.patience=30s",
                "--takedown.probing.total-timeout=3s",
                // every simulated host is the same loopback server: the per-host limit only slows the run down
                "--takedown.probing.max-per-host=64"));
    }

    /** The monitor's report of the simulated period, by the same code as {@code takedown report}. */
    private void writeReport(ConfigurableApplicationContext context, Scenario loaded) throws IOException {
        java.time.LocalDate first = java.time.LocalDate.ofInstant(loaded.start(), java.time.ZoneOffset.UTC);
        java.time.LocalDate last =
                java.time.LocalDate.ofInstant(loaded.start().plus(loaded.duration()), java.time.ZoneOffset.UTC);
        org.takedown.monitoring.MonitorReport report =
                context.getBean(org.takedown.monitoring.Monitor.class).report(first, last, null, null);
        try (java.io.OutputStream json = Files.newOutputStream(out.resolve("report.json"))) {
            context.getBean(org.takedown.monitoring.ReportWriter.class).json(report, json);
        }
    }

    /**
     * The authority's watch list at the end of the run: printed, and written to {@code watch-list.csv}. The watch
     * list is evaluated at the run's last moment, so every flag of the run is there.
     */
    private void writeWatchList(ConfigurableApplicationContext context, PrintWriter console) throws IOException {
        org.takedown.enforcement.Enforcement enforcement = context.getBean(org.takedown.enforcement.Enforcement.class);
        List<org.takedown.enforcement.ProviderStanding> standings = enforcement.watchList();
        console.printf(
                "Watch list (%d flagged):%n",
                standings.stream().filter(p -> p.flagged()).count());
        console.printf("  %-24s %6s %9s %9s %9s  %s%n", "PROVIDER", "URLS", "IN 24 H", "BREACHES", "LONGEST", "FLAGS");
        try (org.apache.commons.csv.CSVPrinter csv = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader(
                        "provider",
                        "urls",
                        "within_24h_share",
                        "breaches",
                        "longest_online_hours",
                        "months_in_a_row",
                        "flags")
                .get()
                .print(Files.newBufferedWriter(out.resolve("watch-list.csv")))) {
            for (org.takedown.enforcement.ProviderStanding p : standings) {
                console.printf(
                        "  %-24s %6d %8.0f %% %9d %7d h  %s%n",
                        p.company(),
                        p.urls(),
                        p.withinNormShare() * 100,
                        p.breaches(),
                        p.longestOnline().toHours(),
                        p.flags().isEmpty() ? "-" : String.join("; ", Text.english(p.flags())));
                csv.printRecord(
                        p.company(),
                        p.urls(),
                        String.format(java.util.Locale.ROOT, "%.4f", p.withinNormShare()),
                        p.breaches(),
                        p.longestOnline().toHours(),
                        p.monthsInARow(),
                        String.join("; ", Text.english(p.flags())));
            }
        }
        console.flush();
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
