package org.takedown.notices.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.takedown.notices.NoticesProperties;

/** The notices' settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticesProperties.class)
class NoticesConfiguration {}
