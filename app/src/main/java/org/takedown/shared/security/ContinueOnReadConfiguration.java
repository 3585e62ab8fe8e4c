package org.takedown.shared.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers {@code Expect: 100-continue} only once the application starts reading the body, so a request
 * refused before that (too large, no API key) is refused before the client sends its body.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(TomcatConnectorCustomizer.class)
class ContinueOnReadConfiguration {

    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
