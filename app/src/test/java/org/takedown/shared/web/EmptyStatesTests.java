package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Every empty list says what fills it and where to start, not only that nothing is there. */
class EmptyStatesTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");

    @Test
    void everyEmptyStateSaysWhatFillsIt() throws IOException {
        List<String> bare = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                for (Element empty : Jsoup.parse(Files.readString(file)).select(".empty")) {
                    seen++;
                    String text = shown(empty);
                    if (text.split("\\s+").length < 8) {
                        bare.add(TEMPLATES.relativize(file) + ": \"" + text + "\"");
                    }
                }
            }
        }
        assertThat(seen).as("empty states found").isGreaterThan(10);
        assertThat(bare).as("empty states that do not say what fills them").isEmpty();
    }

    /** The English text a reader sees: the message's when the element takes one, else the template's own. */
    static String shown(Element element) throws IOException {
        String source = element.attr("th:text");
        java.util.regex.Matcher key =
                java.util.regex.Pattern.compile("^#\\{([\\w.-]+)}$").matcher(source);
        if (key.matches()) {
            return MessagesTests.bundle("messages.properties")
                    .getProperty(key.group(1), "")
                    .strip();
        }
        return element.text().strip();
    }
}
