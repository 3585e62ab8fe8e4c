package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The message bundles: every text in both languages, none empty, the same placeholders in each. */
class MessagesTests {

    static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(
                MessagesTests.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void everyKeyIsInBothLanguagesWithTheSamePlaceholders() throws IOException {
        Properties english = bundle("messages.properties");
        Properties dutch = bundle("messages_nl.properties");
        assertThat(new TreeSet<>(dutch.stringPropertyNames()))
                .as("keys of the Dutch bundle")
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        for (String key : english.stringPropertyNames()) {
            assertThat(english.getProperty(key)).as("English %s", key).isNotBlank();
            assertThat(dutch.getProperty(key)).as("Dutch %s", key).isNotBlank();
            assertThat(placeholders(dutch.getProperty(key)))
                    .as("placeholders of %s", key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            for (String text : new String[] {english.getProperty(key), dutch.getProperty(key)}) {
                if (!placeholders(text).isEmpty()) {
                    // with arguments the text goes through MessageFormat, where a single ' starts a quote
                    assertThat(text.replace("''", ""))
                            .as("%s: write ' as '' in a text with {0}", key)
                            .doesNotContain("'");
                }
            }
        }
    }

    static TreeSet<String> placeholders(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+[^}]*}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
