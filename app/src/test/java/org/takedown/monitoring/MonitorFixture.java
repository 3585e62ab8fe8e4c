package org.takedown.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.CompanyId;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.UrlAttributed;
import org.takedown.intake.UrlId;
import org.takedown.notices.NoticeId;
import org.takedown.notices.NoticeSent;
import org.takedown.probing.CheckResult;
import org.takedown.probing.UrlWentOffline;
import org.takedown.triage.Assessment;
import org.takedown.triage.UrlAssessed;

/**
 * A small year of the chain's events for the monitor tests, on three registered companies: Alpha (6 URLs: removed
 * after 2 h three times, after 30 h, after 60 h, never), Beta (3: after 1 h, after 10 h, never) and Gamma (1, which
 * moves abroad after its notice). So: 10 URLs, 50 % within 24 h, 10 % in 24-48 h, 10 % after 48 h, 30 % still
 * online, median 2 h, top 5 Alpha/Beta/Gamma with 60/30/10 %.
 */
final class MonitorFixture {

    record Names(String alpha, String beta, String gamma) {}

    private MonitorFixture() {}

    static Names load(
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            HostingCompanies companies,
            int year,
            String suffix,
            long firstUrlId) {
        Names names = new Names("Alpha " + suffix, "Beta " + suffix, "Gamma " + suffix);
        long alpha = companies
                .create(names.alpha(), "NL", "abuse@alpha.test", "PORTAL", true, null)
                .id();
        companies.addRange(alpha, "192.0.2.0", "192.0.2.255", null); // 256 addresses
        long beta = companies
                .create(names.beta(), "NL", "abuse@beta.test", "PORTAL", true, null)
                .id();
        long gamma = companies
                .create(names.gamma(), "NL", "abuse@gamma.test", "PORTAL", true, null)
                .id();
        Instant february = Instant.parse(year + "-02-10T10:00:00Z");
        Instant march = Instant.parse(year + "-03-05T10:00:00Z");
        long id = firstUrlId;
        double[] alphaHours = {2, 2, 2, 30, 60, Double.NaN};
        double[] betaHours = {1, 10, Double.NaN};
        transactions.executeWithoutResult(status -> {
            long next = id;
            for (double hours : alphaHours) {
                url(events, next++, "alpha", alpha, names.alpha(), "NL", february, hours);
            }
            for (double hours : betaHours) {
                url(events, next++, "beta", beta, names.beta(), "NL", march, hours);
            }
            long moving = next;
            url(events, moving, "gamma", gamma, names.gamma(), "NL", march.plusSeconds(86_400), Double.NaN);
            events.publishEvent(new UrlAttributed(
                    new UrlId(moving),
                    "gamma-" + moving + ".example",
                    null,
                    "Far Away AS",
                    null,
                    "DE",
                    List.of("203.0.113.99"),
                    true));
        });
        return names;
    }

    private static void url(
            ApplicationEventPublisher events,
            long urlId,
            String site,
            long companyId,
            String company,
            String country,
            Instant notified,
            double hours) {
        String host = site + "-" + urlId + ".example";
        String url = "http://" + host + "/picture-" + urlId + ".jpg";
        UrlId id = new UrlId(urlId);
        events.publishEvent(new UrlAssessed(id, url, host, Assessment.BASELINE, null));
        events.publishEvent(new UrlAttributed(
                id,
                host,
                new CompanyId(companyId),
                company,
                "abuse@" + site + ".test",
                country,
                List.of("192.0.2." + (urlId % 250)),
                true));
        events.publishEvent(new NoticeSent(
                new NoticeId(urlId),
                new CompanyId(companyId),
                company,
                notified,
                List.of(new NoticeSent.NoticedUrl(id, url))));
        if (!Double.isNaN(hours)) {
            Instant removed = notified.plus(Duration.ofMinutes(Math.round(hours * 60)));
            events.publishEvent(new UrlWentOffline(id, urlId, removed, removed.minusSeconds(900), CheckResult.OFFLINE));
        }
    }
}
