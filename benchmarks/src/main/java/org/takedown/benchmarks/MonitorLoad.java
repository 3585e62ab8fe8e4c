package org.takedown.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's report benchmark ({@code benchmarks/monitor-report.sh}, issue 6): fills a Takedown database with a
 * year of monitor data, then asks a running server for the yearly report.
 *
 * <pre>
 * generate JDBC_URL USER URLS CHECKS   one year (2025) of URLS notified URLs at 40 companies (a few large, a long
 *                                      tail), their check targets, CHECKS checks and as many reports as URLs
 * measure BASE_URL ROUNDS              the yearly JSON report, each round for a period not asked before (so the cache
 *                                      cannot answer), then the same period again (from the cache)
 * </pre>
 *
 * All generation is SQL ({@code generate_series}, fixed random seed), so a million URLs and twenty million checks take
 * minutes, not hours. Removal times are log-normal (median 4 h), 8 % are never removed.
 */
public final class MonitorLoad {

    private MonitorLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("generate")) {
            generate(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
        } else if (args.length == 3 && args[0].equals("measure")) {
            measure(args[1], Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: MonitorLoad generate JDBC_URL USER URLS CHECKS | measure BASE_URL ROUNDS");
            System.exit(2);
        }
    }

    static void generate(String url, String user, int urls, long checks) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, user, "");
                Statement sql = db.createStatement()) {
            step(sql, "companies", """
                    INSERT INTO hosting_company (name, country, abuse_email, notice_channel, ntd_signatory,
                                                 created_at, updated_at)
                    SELECT 'Bench Hosting ' || c, 'NL', 'abuse@bench-' || c || '.test', 'PORTAL', TRUE, now(), now()
                    FROM generate_series(1, 40) c ON CONFLICT (name) DO NOTHING""");
            step(sql, "company ranges", """
                    INSERT INTO hosting_company_range (company_id, first_ip, last_ip, note)
                    SELECT id, CAST('10.' || mod(id, 250) || '.0.0' AS inet), CAST('10.' || mod(id, 250) || '.255.255' AS inet), 'bench'
                    FROM hosting_company WHERE name LIKE 'Bench Hosting %'""");
            step(sql, "seed", "SELECT setseed(0.2026)");
            step(sql, urls + " monitored URLs", """
                    INSERT INTO monitor_url (url_id, url, host, ip, hosted_in, company_id, company, illegal,
                                             assessed_at, notified_at, notice_id, notified_company_id,
                                             notified_company, notified_country, removed_at, last_online_at,
                                             removed_how, moved_abroad_at)
                    SELECT g.i, 'http://site-' || mod(g.i, 70000) || '.example/' || g.i || '.jpg',
                           'site-' || mod(g.i, 70000) || '.example', '10.' || mod(c.id, 250) || '.' || mod(g.i, 200) || '.7',
                           'NL', c.id, c.name, TRUE, g.notified - interval '2 hours', g.notified, g.i / 20, c.id,
                           c.name, 'NL',
                           CASE WHEN g.never THEN NULL ELSE g.notified + g.delay END,
                           CASE WHEN g.never THEN g.notified + interval '30 days' ELSE g.notified + g.delay - interval '15 minutes' END,
                           CASE WHEN g.never THEN NULL ELSE 'OFFLINE' END,
                           CASE WHEN mod(g.i, 500) = 0 THEN g.notified + interval '1 day' END
                    FROM (SELECT i,
                                 TIMESTAMPTZ '2025-01-01 00:00:00+00' + random() * interval '365 days' AS notified,
                                 random() < 0.08 AS never,
                                 interval '1 minute' * (240 * exp(1.1 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))) AS delay,
                                 1 + floor(40 * power(random(), 3))::int AS rank
                          FROM generate_series(1, %d) i) g
                    JOIN (SELECT id, name, row_number() OVER (ORDER BY id) AS rank
                          FROM hosting_company WHERE name LIKE 'Bench Hosting %%') c ON c.rank = g.rank""".formatted(urls));
            step(sql, "check targets", """
                    INSERT INTO probe_target (url_id, url, notice_id, notified_at, fingerprint_sha256, state,
                                              next_check_at, checks, last_result, last_checked_at, last_online_at,
                                              removed_at)
                    SELECT url_id, url, notice_id, notified_at, sha256(CAST(mod(url_id, 900000) AS text)::bytea),
                           CASE WHEN removed_at IS NULL THEN 'EXPIRED' ELSE 'REMOVED' END, notified_at, 20,
                           CASE WHEN removed_at IS NULL THEN 'ONLINE' ELSE 'OFFLINE' END, notified_at, last_online_at,
                           removed_at
                    FROM monitor_url WHERE url_id <= %d""".formatted(urls));
            step(sql, checks + " checks", """
                    INSERT INTO probe_check (url_id, checked_at, result, http_status)
                    SELECT 1 + mod(i, %d), TIMESTAMPTZ '2025-01-01 00:00:00+00' + mod(i, 31536000) * interval '1 second',
                           CASE WHEN mod(i, 7) = 0 THEN 'OFFLINE' ELSE 'ONLINE' END,
                           CASE WHEN mod(i, 7) = 0 THEN 404 ELSE 200 END
                    FROM generate_series(1, %d) i""".formatted(urls, checks));
            step(sql, urls + " reports", """
                    INSERT INTO report (channel, source, received_at, submitted_by)
                    SELECT 'bulk', 'bulk', TIMESTAMPTZ '2025-01-01 00:00:00+00' + random() * interval '365 days', 'bench'
                    FROM generate_series(1, %d)""".formatted(urls));
            step(sql, "analyse", "ANALYZE");
        }
    }

    private static void step(Statement sql, String what, String statement) throws SQLException {
        long began = System.nanoTime();
        sql.execute(statement);
        System.out.printf("%-28s %6.1f s%n", what, (System.nanoTime() - began) / 1e9);
    }

    static void measure(String base, int rounds) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Double> fresh = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // a period not asked before: the cache cannot answer; then the same period again
            String period = "from=2025-01-01&to=2025-12-" + (31 - round);
            fresh.add(time(http, base + "/monitor/report.json?" + period));
            cached.add(time(http, base + "/monitor/report.json?" + period));
        }
        System.out.printf("yearly JSON report, computed:    %s s (median %.2f s)%n", fresh, median(fresh));
        System.out.printf("the same again, from the cache: %s s (median %.3f s)%n", cached, median(cached));
        System.out.printf("computed / cached: %.0fx%n", median(fresh) / median(cached));
    }

    private static double time(HttpClient http, String url) throws Exception {
        long began = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = Math.round((System.nanoTime() - began) / 1e6) / 1000.0;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
