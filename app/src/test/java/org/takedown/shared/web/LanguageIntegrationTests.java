package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;
import org.takedown.support.WebSession;

/**
 * The language a page is shown in, with Dutch and English offered: the browser's preference, a choice on any page
 * (kept in a cookie), and for a signed-in person their choice kept on the account, so a new session on another device
 * opens in it.
 */
@IntegrationTest
@TestPropertySource(properties = "takedown.ui.languages=nl,en")
class LanguageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    Document page(String path, String acceptLanguage, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Document document = Jsoup.parse(response.body());
        document.attr("set-cookie", response.headers().firstValue("Set-Cookie").orElse(""));
        return document;
    }

    @Test
    void theBrowsersLanguageThenAChoiceKeptInACookie() throws Exception {
        Document dutch = page("/login", "nl-NL,nl;q=0.9,en;q=0.5", null);
        assertThat(dutch.select("html").attr("lang")).isEqualTo("nl");
        assertThat(dutch.select("h1").text()).isEqualTo("Inloggen");
        assertThat(dutch.select("label[for=password]").text()).isEqualTo("Wachtwoord");
        assertThat(dutch.select("#languages a").eachText()).containsExactly("Nederlands", "English");
        assertThat(dutch.select("#time-zone").text()).contains("Europe/Amsterdam");

        assertThat(page("/login", "fr-FR", null).select("h1").text())
                .as("a language not offered: the default, the first offered")
                .isEqualTo("Inloggen");

        Document chosen = page("/login?lang=en", "nl", null);
        assertThat(chosen.select("h1").text()).isEqualTo("Sign in");
        String cookie = chosen.attr("set-cookie");
        assertThat(cookie).startsWith(ViewerLanguage.COOKIE + "=en").contains("HttpOnly");
        assertThat(page("/login", "nl", cookie.substring(0, cookie.indexOf(';')))
                        .select("h1")
                        .text())
                .as("the choice outweighs the browser's preference")
                .isEqualTo("Sign in");
        assertThat(page("/login?lang=xx", "nl", null).select("h1").text())
                .as("an unknown choice is ignored")
                .isEqualTo("Inloggen");
    }

    @Test
    void thePublicMonitorInBothLanguages() throws Exception {
        Document dutch = page("/monitor", "nl", null);
        assertThat(dutch.select("h1").text()).isEqualTo("Monitor hosting van kindermisbruikmateriaal");
        assertThat(dutch.select("#summary h2").text()).isEqualTo("Samenvatting");
        assertThat(dutch.select("#companies th").eachText()).contains("Hostingbedrijf", "Nog online");
        assertThat(dutch.select("#methodology").text()).contains("Elke URL die het meldpunt als illegaal beoordeelde");
        Document english = page("/monitor?lang=en", "nl", null);
        assertThat(english.select("h1").text()).isEqualTo("CSAM hosting monitor");
        assertThat(english.select("#summary h2").text()).isEqualTo("Summary");
        assertThat(english.select("#methodology").text()).contains("minutes for 72 hours");
    }

    @Test
    void aPersonsChoiceFollowsThemToANewSession() {
        String name = "language-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(name, Role.ANALYST, null, "a long password!");
        WebSession first = WebSession.signedIn(port, name, "a long password!");
        first.get("/dashboard?lang=en");
        assertThat(accounts.language(name)).hasValue("en");
        WebSession second = WebSession.signedIn(port, name, "a long password!");
        Document dashboard = Jsoup.parse(second.get("/dashboard").body());
        assertThat(dashboard.select("html").attr("lang")).isEqualTo("en");
        assertThat(dashboard.select("form[action$=/logout] button").text()).isEqualTo("Sign out");
        second.get("/dashboard?lang=nl");
        assertThat(Jsoup.parse(second.get("/dashboard").body())
                        .select("form[action$=/logout] button")
                        .text())
                .isEqualTo("Uitloggen");
        assertThat(accounts.language(name)).hasValue("nl");
        // the workbench in the chosen language
        Document workbench = Jsoup.parse(second.get("/intake").body());
        assertThat(workbench.select("h1").text()).isEqualTo("Triage");
        assertThat(workbench.select("#bulk caption").text()).startsWith("Wachtend op beoordeling");
        assertThat(workbench.select("label[for=domain]").text()).isEqualTo("Domein");
        assertThat(Jsoup.parse(second.get("/intake?lang=en").body())
                        .select("#bulk caption")
                        .text())
                .startsWith("Waiting for assessment");
    }
}
