package org.takedown.simulation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.notices.Notices;
import org.takedown.shared.text.Text;
import org.takedown.shared.web.Trail;

/**
 * The demo's "follow one URL": the first URL notified to the company the demo's {@code hoster} account acts for (the
 * scenario's first), with links to its report, its attribution, the notice and checks in the portal, the company in
 * the monitor and the authority's work list.
 */
@Component
@ConditionalOnProperty("takedown.simulation.scenario")
class DemoTrail implements Trail {

    private final Notices notices;
    private final HostingCompanies companies;
    private final World world;

    DemoTrail(Notices notices, HostingCompanies companies, World world) {
        this.notices = notices;
        this.companies = companies;
        this.world = world;
    }

    @Override
    public Optional<Followed> follow() {
        String first = world.scenario().companies().getFirst().name();
        Optional<HostingCompany> company =
                companies.list().stream().filter(c -> c.name().equals(first)).findFirst();
        if (company.isEmpty()) {
            return Optional.empty();
        }
        long companyId = company.get().id();
        return notices.forCompany(companyId, 100).stream()
                .min(Comparator.comparing(Notices.CompanyNotice::id))
                .flatMap(notice -> notice.urls().stream()
                        .min(Comparator.comparingLong(Notices.NoticeUrl::urlId))
                        .map(url -> followed(companyId, first, notice.id(), url)));
    }

    private static Followed followed(long companyId, String company, long noticeId, Notices.NoticeUrl url) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Text.of("trail.reported"), "/intake/urls/" + url.urlId(), "analyst"));
        steps.add(new Step(Text.of("trail.traced"), "/attribution/urls/" + url.urlId(), "analyst"));
        steps.add(new Step(Text.of("trail.notified", company), "/notices", "hotline-supervisor"));
        steps.add(new Step(
                Text.of("trail.checked"),
                "/portal/companies/" + companyId + "/notices/" + noticeId + "/urls/" + url.urlId(),
                "hoster"));
        steps.add(new Step(
                Text.of("trail.monitor"),
                "/monitor?company=" + URLEncoder.encode(company, StandardCharsets.UTF_8),
                ""));
        steps.add(new Step(Text.of("trail.authority"), "/enforcement/watch", "officer"));
        return new Followed(url.url(), steps);
    }
}
