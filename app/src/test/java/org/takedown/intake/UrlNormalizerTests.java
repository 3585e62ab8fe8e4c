package org.takedown.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP://Example.NL/a.jpg                   | http://example.nl/a.jpg",
                "http://example.nl                         | http://example.nl/",
                "http://example.nl:80/x                    | http://example.nl/x",
                "https://example.nl:443/x                  | https://example.nl/x",
                "https://example.nl:8443/x                 | https://example.nl:8443/x",
                "http://example.nl./x#gallery              | http://example.nl/x",
                "http://user:secret@example.nl/x           | http://example.nl/x",
                "http://example.nl/a/./b/../c.jpg          | http://example.nl/a/c.jpg",
                "http://example.nl/%7euser/%61.jpg         | http://example.nl/~user/a.jpg",
                "http://example.nl/a%2fb%3F                | http://example.nl/a%2Fb%3F",
                "http://example.nl/my photo.jpg            | http://example.nl/my%20photo.jpg",
                "http://example.nl/foto's/ü.jpg?x=1&y=ä    | http://example.nl/foto's/%C3%BC.jpg?x=1&y=%C3%A4",
                "http://bücher.example/x                   | http://xn--bcher-kva.example/x",
                "http://[2001:DB8::1]:8080/x               | http://[2001:db8::1]:8080/x",
                "http://192.0.2.1/x?b=2&a=1                | http://192.0.2.1/x?b=2&a=1",
                "example.nl/bare/path                      | http://example.nl/bare/path",
                "  http://example.nl/trimmed               | http://example.nl/trimmed",
            })
    void normalizes(String reported, String expected) {
        assertThat(UrlNormalizer.normalize(reported).normalized()).isEqualTo(expected);
    }

    @Test
    void keepsTheOriginalTextAndShowsIdnHostsBothWays() {
        ReportedUrl url = UrlNormalizer.normalize("http://раураl.example/Login");
        assertThat(url.original()).isEqualTo("http://раураl.example/Login");
        assertThat(url.host()).startsWith("xn--");
        assertThat(url.hostUnicode()).isEqualTo("раураl.example");
        assertThat(url.internationalised()).isTrue();
        assertThat(UrlNormalizer.normalize("http://example.nl/").internationalised())
                .isFalse();
    }

    @Test
    void sameUrlWrittenDifferentlyIsRecognised() {
        assertThat(UrlNormalizer.normalize("HTTPS://WWW.Example.nl:443/img/../img/%61.png#x")
                        .normalized())
                .isEqualTo(UrlNormalizer.normalize("https://www.example.nl/img/a.png")
                        .normalized());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://example.nl/x             | only http and https URLs can be taken down, not ftp:",
                "javascript:alert(1)            | not a URL",
                "mailto:abuse@example.nl        | not a URL",
                "http:///nohost                 | no host",
                "http://exa mple.nl/            | is not a valid host name",
                "http://example.nl:99999/       | port 99999 is not between 1 and 65535",
                "http://[zz::1]/                | the host part '[zz::1]' is not valid",
                "just words                     | not a URL",
            })
    void rejectsWithAReason(String reported, String reason) {
        assertThatThrownBy(() -> UrlNormalizer.normalize(reported))
                .isInstanceOf(UrlRejectedException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsEmptyAndOverlongText() {
        assertThatThrownBy(() -> UrlNormalizer.normalize("  ")).hasMessage("empty");
        assertThatThrownBy(() -> UrlNormalizer.normalize("http://example.nl/" + "a".repeat(9000)))
                .hasMessageContaining("longer than 8192");
    }

    @Test
    void dotSegmentsFollowRfc3986() {
        assertThat(UrlNormalizer.removeDotSegments("/a/b/c/./../../g")).isEqualTo("/a/g");
        assertThat(UrlNormalizer.removeDotSegments("/mid/content=5/../6")).isEqualTo("/mid/6");
        assertThat(UrlNormalizer.removeDotSegments("/../a")).isEqualTo("/a");
        assertThat(UrlNormalizer.removeDotSegments("/a/..")).isEqualTo("/");
    }
}
