package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Templates speak through the message bundles: a text a person reads (an element's own text, or a placeholder, title,
 * aria-label or alt) must come from a message key ({@code th:text}, {@code th:attr}, ...); the test names each
 * template and literal that does not.
 */
class TemplateTextTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");

    private static final Pattern WORDS = Pattern.compile("\\p{L}{2,}");
    private static final List<String> READ_ATTRIBUTES = List.of("placeholder", "title", "aria-label", "alt");

    @Test
    void templatesHoldNoLiteralText() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String name = TEMPLATES.relativize(file).toString().replace('\\', '/');
                List<String> literals = literals(Files.readString(file));
                if (!literals.isEmpty()) {
                    found.add(name + ": " + literals);
                }
            }
        }
        assertThat(found).as("literal texts in templates").isEmpty();
    }

    @Test
    void aLiteralIsFoundInTextAndReadAttributesButNotUnderAKey() {
        assertThat(literals("""
                        <p>Hello there</p><p th:text="#{k}">Hello</p><input placeholder="your name">
                        <input th:placeholder="#{k}" placeholder="name"><div th:replace="~{x}"><b>inside</b></div>
                        <span>12 %</span>""")).containsExactly("Hello there", "placeholder=your name");
    }

    /** The texts of a template a reader would see that do not come from a message key. */
    static List<String> literals(String html) {
        List<String> literals = new ArrayList<>();
        var document = Jsoup.parse(html, "", Parser.htmlParser());
        for (Element element : document.getAllElements()) {
            String tag = element.tagName();
            if (tag.equals("script") || tag.equals("style") || tag.equals("title") && replaced(element)) {
                continue;
            }
            boolean fromKey = replaced(element) || element.parents().stream().anyMatch(TemplateTextTests::replaced);
            if (!fromKey) {
                for (TextNode text : element.textNodes()) {
                    if (WORDS.matcher(text.text()).find()) {
                        literals.add(text.text().strip());
                    }
                }
            }
            for (String attribute : READ_ATTRIBUTES) {
                if (element.hasAttr(attribute)
                        && WORDS.matcher(element.attr(attribute)).find()
                        && !element.hasAttr("th:" + attribute)
                        && !element.attr("th:attr").contains(attribute + "=")) {
                    literals.add(attribute + "=" + element.attr(attribute));
                }
            }
        }
        return literals;
    }

    /** True when Thymeleaf replaces the element's content (or the element) at rendering. */
    private static boolean replaced(Element element) {
        return element.hasAttr("th:text")
                || element.hasAttr("sec:authentication")
                || element.hasAttr("th:utext")
                || element.hasAttr("th:replace")
                || element.hasAttr("th:insert")
                || element.hasAttr("th:remove");
    }
}
