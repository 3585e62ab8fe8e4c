package org.takedown.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Links and authentication verdicts from mail as an attacker would write it. */
class MailLinksTests {

    private static Set<String> text(String text) {
        Set<String> urls = new LinkedHashSet<>();
        MailLinks.fromText(text, urls);
        return urls;
    }

    private static Set<String> html(String html) {
        Set<String> urls = new LinkedHashSet<>();
        MailLinks.fromHtml(html, urls);
        return urls;
    }

    @Test
    void urlsInTextInOrderOnceEachWithoutTrailingPunctuation() {
        assertThat(text("See http://a.example/x.jpg, HTTPS://b.example/y?z=1. And (http://c.example/) and"
                        + " http://a.example/x.jpg; xhttp://not.example/ http://"))
                .containsExactly("http://a.example/x.jpg", "HTTPS://b.example/y?z=1", "http://c.example/");
    }

    @Test
    void linksInHtmlAndTheirText() {
        assertThat(html("<p>Look <a class=x HREF = 'http://one.example/a?b=1&amp;c=2'>here</a> and"
                        + " http://two.example/ <img src=\"http://not-a-link.example/\"></p>"))
                .containsExactly("http://one.example/a?b=1&c=2", "http://two.example/");
    }

    /**
     * Inputs that make backtracking patterns take quadratic time or worse: the old patterns needed minutes for
     * these. The timeout only stops a hang; it is no measure of speed.
     */
    @Test
    @Timeout(60)
    void craftedTextTakesOnePass() {
        int n = 2_000_000;
        assertThat(html("<a " + "<a href=".repeat(n / 8))).isEmpty();
        assertThat(text("http://a" + ".".repeat(n) + "x"))
                .as("cut at the longest URL kept")
                .containsExactly("http://a");
        assertThat(text("http://" + "a".repeat(n)))
                .singleElement()
                .satisfies(url -> assertThat(url).hasSize(MailLinks.MAX_URL));
        assertThat(text("http://x.example/" + ".".repeat(n))).containsExactly("http://x.example/");
        assertThat(text("http:/".repeat(n / 6))).isEmpty();
    }

    @Test
    void authenticationResultsFromOurServerOnly() {
        String ours = "mx.hotline.test";
        assertThat(MailAuthentication.check(
                                List.of("MX.Hotline.Test 1; dmarc=pass (p=none; comment) header.from=Politie.test"),
                                ours,
                                "politie.test")
                        .passed())
                .isTrue();
        assertThat(MailAuthentication.check(
                                List.of("mx.hotline.test; spf=pass smtp.mailfrom=x@bounce.politie.test;"
                                        + " dkim=pass header.d=politie.test"),
                                ours,
                                "politie.test")
                        .passed())
                .isTrue();
        assertThat(MailAuthentication.check(
                                List.of("mx.hotline.test; spf=pass smtp.mailfrom=politie.test;"
                                        + " dkim=pass header.d=evil.test"),
                                ours,
                                "politie.test")
                        .passed())
                .as("DKIM for another domain")
                .isFalse();
        assertThat(MailAuthentication.check(
                                List.of("mx.hotline.test; dmarc=pass header.from=notpolitie.test"),
                                ours,
                                "politie.test")
                        .passed())
                .isFalse();
        assertThat(MailAuthentication.aligned("politie.test", "evilpolitie.test"))
                .isFalse();
        assertThat(MailAuthentication.withoutComments("a (b (c) d) \"(kept)\" e"))
                .isEqualTo("a  \"(kept)\" e");
    }
}
