package org.takedown.notices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.takedown.notices.NoticesProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NoticeMessagesTests {

    private static final Instant SENT = Instant.parse("2026-03-02T10:15:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    private final NoticeMessages messages = new NoticeMessages(
            new NoticesProperties(
                    Duration.ofMinutes(15),
                    Duration.ofHours(24),
                    Duration.ofHours(48),
                    "https://takedown.example",
                    new NoticesProperties.Hotline("Test hotline", "hotline@test.example", "test.example"),
                    new NoticesProperties.Smtp(null, 25, null, null, false),
                    Duration.ofMinutes(1),
                    false),
            json);

    private final List<NoticeMessages.Item> items = List.of(
            new NoticeMessages.Item(7, "http://a.example/x?<script>", "a.example", "192.0.2.7", "BASELINE", null),
            new NoticeMessages.Item(8, "http://a.example/y", "a.example", null, "NATIONAL", "a reason"));

    @Test
    void aNoticeToADutchCompanyIsInDutchAndNamesTheNormAndThePortal() {
        NoticeMessages.Message message = messages.compose(41, "NOTICE", "Hoster B.V.", 3L, true, SENT, items);
        assertThat(message.subject()).isEqualTo("Melding kinderpornografisch materiaal (2 URL's) — notice 41");
        assertThat(message.text())
                .contains("bij Hoster B.V.", "binnen 24 uur", "https://takedown.example/portal/companies/3")
                .contains("- http://a.example/x?<script>  [BASELINE]");
        assertThat(message.html()).contains("http://a.example/x?&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void aReminderAbroadIsInEnglishAndSaysTheUrlsAreStillOnline() {
        NoticeMessages.Message message = messages.compose(41, "REMINDER", "Host Ltd", null, false, SENT, items);
        assertThat(message.subject()).isEqualTo("Reminder: Notice of child sexual abuse material (2 URLs) — notice 41");
        assertThat(message.text())
                .contains("from our notice of 2026-03-02 10:15 UTC are still online")
                .contains("https://takedown.example/portal\n");
    }

    @Test
    void eachUrlGetsItsOwnXarfDocumentWithoutAnyContent() {
        NoticeMessages.Message message = messages.compose(41, "NOTICE", "Host Ltd", 3L, false, SENT, items);
        assertThat(message.xarf()).containsOnlyKeys("xarf-url-7.json", "xarf-url-8.json");
        JsonNode document = json.readTree(message.xarf().get("xarf-url-7.json"));
        assertThat(document.toString()).contains("http://a.example/x?<script>").doesNotContain("base64");
    }
}
