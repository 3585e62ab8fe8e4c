package org.takedown.notices.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import org.takedown.notices.NoticesProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text of notices and reminders (Dutch for Dutch companies, English otherwise; plain text and HTML) and one X-ARF
 * v4 document ({@code content/csam}) per URL. Never any image: only the URL, where it is hosted and how it was
 * assessed. Thread-safe.
 */
final class NoticeMessages {

    /** A URL as a notice lists it. */
    record Item(
            long urlId,
            String url,
            String host,
            @Nullable String ips,
            String assessment,
            @Nullable String reason) {}

    /** A composed message. */
    record Message(String subject, String text, String html, Map<String, String> xarf) {}

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final NoticesProperties properties;
    private final JsonMapper json;

    NoticeMessages(NoticesProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    Message compose(
            long noticeId,
            String kind,
            String company,
            @Nullable Long companyId,
            boolean dutch,
            Instant sentAt,
            List<Item> items) {
        boolean reminder = kind.equals("REMINDER");
        String portal = properties.portalUrl() + "/portal" + (companyId == null ? "" : "/companies/" + companyId);
        String subject = dutch
                ? (reminder ? "Herinnering: " : "") + "Melding kinderpornografisch materiaal (" + items.size()
                        + " URL's) — notice " + noticeId
                : (reminder ? "Reminder: " : "") + "Notice of child sexual abuse material (" + items.size()
                        + " URLs) — notice " + noticeId;
        String intro = intro(dutch, reminder, company, sentAt);
        String portalLine =
                (dutch ? "Reageer en volg de status in het portaal: " : "Respond and follow the status in the portal: ")
                        + portal;
        String checks = dutch
                ? "Wij controleren elke URL automatisch tot hij offline is. Open de URL's niet zonder noodzaak."
                : "We check every URL automatically until it is gone. Do not open the URLs unless you must.";
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder html =
                new StringBuilder("<p>").append(HtmlUtils.htmlEscape(intro)).append("</p>\n<ol>\n");
        for (Item item : items) {
            text.append("- ")
                    .append(item.url())
                    .append("  [")
                    .append(item.assessment())
                    .append("]\n");
            html.append("<li><code>")
                    .append(HtmlUtils.htmlEscape(item.url()))
                    .append("</code> (")
                    .append(HtmlUtils.htmlEscape(item.assessment()))
                    .append(")</li>\n");
        }
        text.append('\n')
                .append(checks)
                .append('\n')
                .append(portalLine)
                .append("\n\n")
                .append(properties.hotline().org());
        html.append("</ol>\n<p>")
                .append(HtmlUtils.htmlEscape(checks))
                .append("</p>\n<p><a href=\"")
                .append(HtmlUtils.htmlEscape(portal))
                .append("\">")
                .append(HtmlUtils.htmlEscape(portalLine))
                .append("</a></p>\n<p>")
                .append(HtmlUtils.htmlEscape(properties.hotline().org()))
                .append("</p>\n");
        Map<String, String> xarf = new LinkedHashMap<>();
        for (Item item : items) {
            xarf.put("xarf-url-" + item.urlId() + ".json", json.writeValueAsString(xarf(noticeId, sentAt, item)));
        }
        return new Message(subject, text.toString(), "<html><body>\n" + html + "</body></html>\n", xarf);
    }

    /** The opening paragraph: what the URLs hold and the norm, or for a reminder that they are still online. */
    private static String intro(boolean dutch, boolean reminder, String company, Instant sentAt) {
        return dutch
                ? (reminder
                        ? "Onderstaande URL's uit onze melding van " + TIME.format(sentAt)
                                + " zijn nog steeds online. Verwijder het materiaal onmiddellijk."
                        : "Op de onderstaande URL's bij " + company + " staat materiaal dat wij hebben beoordeeld als"
                                + " seksueel misbruik van kinderen. Volgens de gedragscode Notice-and-Takedown verwacht"
                                + " de sector verwijdering binnen 24 uur.")
                : (reminder
                        ? "The URLs below from our notice of " + TIME.format(sentAt)
                                + " are still online. Please remove the material immediately."
                        : "The URLs below, hosted by " + company + ", hold material we assessed as child sexual"
                                + " abuse material. The norm is removal within 24 hours.");
    }

    /** The JSON a webhook receives: the notice and one X-ARF document per URL. */
    String webhookBody(
            long noticeId,
            String kind,
            String messageId,
            String company,
            @Nullable Long companyId,
            Instant sentAt,
            List<Item> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notice", noticeId);
        body.put("kind", kind);
        body.put("id", messageId);
        body.put("company", company);
        body.put("noticeSentAt", sentAt.toString());
        body.put("removeBy", sentAt.plus(java.time.Duration.ofHours(24)).toString());
        body.put("portal", properties.portalUrl() + "/portal" + (companyId == null ? "" : "/companies/" + companyId));
        body.put(
                "reports",
                items.stream().map(item -> xarf(noticeId, sentAt, item)).toList());
        return json.writeValueAsString(body);
    }

    /** The X-ARF v4 document of one URL; its report id is stable per notice and URL. */
    Map<String, Object> xarf(long noticeId, Instant sentAt, Item item) {
        NoticesProperties.Hotline hotline = properties.hotline();
        Map<String, Object> party = new LinkedHashMap<>();
        party.put("org", hotline.org());
        party.put("contact", hotline.contact());
        party.put("domain", hotline.domain());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("xarf_version", "4.2.0");
        report.put(
                "report_id",
                UUID.nameUUIDFromBytes(("takedown-notice-" + noticeId + "-url-" + item.urlId())
                                .getBytes(StandardCharsets.UTF_8))
                        .toString());
        report.put("timestamp", sentAt.toString());
        report.put("reporter", party);
        report.put("sender", party);
        String ip = item.ips() == null || item.ips().isBlank()
                ? null
                : item.ips().split(",")[0].strip();
        report.put("source_identifier", ip != null ? ip : item.host());
        report.put("category", "content");
        report.put("type", "csam");
        report.put("url", item.url());
        report.put("domain", item.host());
        // X-ARF's classes are the industry scheme; nationally illegal material is sent as B2 (our mapping)
        report.put("classification", item.assessment().equals("BASELINE") ? "baseline" : "B2");
        report.put(
                "detection_method",
                item.reason() != null && item.reason().startsWith("hash list") ? "hash_match" : "manual_review");
        report.put("content_removed", false);
        report.put("tags", List.of("takedown:notice-" + noticeId));
        return report;
    }
}
