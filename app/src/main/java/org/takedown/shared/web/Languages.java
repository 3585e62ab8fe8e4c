package org.takedown.shared.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.takedown.shared.security.UserAccounts;
import org.takedown.shared.text.Texts;

/**
 * The languages pages are offered in ({@code takedown.ui.languages}, the first being the default) and how a viewer's
 * is chosen ({@link ViewerLanguage}); {@code ?lang=nl} on any page switches. Texts come from the message bundles
 * {@code i18n/messages*.properties}.
 */
@Configuration
class Languages implements WebMvcConfigurer {

    private final List<String> offered;

    Languages(@Value("${takedown.ui.languages:nl,en}") List<String> offered) {
        if (offered.isEmpty() || !Texts.LANGUAGES.containsAll(offered)) {
            throw new IllegalArgumentException("takedown.ui.languages lists nl and/or en, not " + offered);
        }
        this.offered = List.copyOf(offered);
    }

    @Bean
    LocaleResolver localeResolver(UserAccounts accounts) {
        return new ViewerLanguage(offered, accounts);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** The languages offered ({@code nl}, {@code en}), for the switch on every page. */
    List<String> offered() {
        return offered;
    }
}
