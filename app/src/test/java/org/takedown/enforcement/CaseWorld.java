package org.takedown.enforcement;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.net.ConnectRoute;
import org.takedown.shared.net.IpLiterals;
import org.takedown.shared.security.Role;
import org.takedown.shared.time.SimulatedClock;
import org.takedown.support.LoopbackSite;
import org.takedown.triage.Assessment;
import org.takedown.triage.Triage;

/**
 * The chain on a stopped simulated clock for the enforcement tests: a hosting company's site on loopback (its
 * documentation range 192.0.2.160-169 is routed there), and a stepper that moves the clock and runs every background
 * job until nothing is left at that moment, as the simulator does. Removing a page makes the site answer 404.
 */
final class CaseWorld {

    static final Path TESTDATA = Path.of(System.getProperty("takedown.testdata", "../testdata"));

    static LoopbackSite site;
    static Map<String, byte[]> pages;

    static synchronized void startSite() {
        if (site == null) {
            site = LoopbackSite.start();
            pages = site.pages;
        }
    }

    /** The company's documentation range is served by the site on loopback. */
    @TestConfiguration
    static class SiteRoute {
        @Bean
        ConnectRoute caseSiteRoute() {
            return (address, port) -> IpLiterals.text(address).startsWith("192.0.2.16")
                    ? new InetSocketAddress(InetAddress.getLoopbackAddress(), site.port())
                    : null;
        }
    }

    private final SimulatedClock clock;
    private final List<Job> jobs;

    CaseWorld(Clock clock, List<Job> jobs) {
        this.clock = (SimulatedClock) clock;
        this.jobs = jobs;
    }

    Instant now() {
        return clock.instant();
    }

    /** Moves the clock on in steps, running every job at each step until none has work at that moment. */
    void advance(Duration total, Duration step) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            Instant next = clock.instant().plus(step);
            clock.set(next.isAfter(end) ? end : next);
            drain();
        }
    }

    void drain() {
        for (int round = 0; round < 50; round++) {
            int work = 0;
            for (Job job : jobs) {
                work += job.runOnce();
            }
            if (work == 0) {
                return;
            }
        }
    }

    /** Serves {@code count} benign images at the company's host and reports and assesses them; returns their ids. */
    List<Long> reportImages(Reports reports, Triage triage, String host, String prefix, int count) throws IOException {
        List<Path> images;
        try (var files = Files.list(TESTDATA.resolve("conformance/pdq/images/labelme-subset"))) {
            images = files.sorted().toList();
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = "/" + prefix + "-" + i + ".jpg";
            pages.put(path, Files.readAllBytes(images.get(i % images.size())));
            ids.add(reports.submit(Channel.API, "police", null, null, null, List.of("http://" + host + path))
                    .accepted()
                    .getFirst()
                    .urlId());
        }
        drain();
        for (long id : ids) {
            triage.assessByRule(id, Assessment.BASELINE, "seen by two analysts", "user:test");
        }
        return ids;
    }

    /** Acts as a signed-in user with one role (for the facade's four-eyes rules and the audit log). */
    static void as(String username, Role role) {
        User user = new User(username, "-", List.of(new SimpleGrantedAuthority(role.authority())));
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
    }

    static void nobody() {
        SecurityContextHolder.clearContext();
    }
}
