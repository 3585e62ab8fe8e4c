package org.takedown.enforcement.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.takedown.enforcement.EnforcementProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnforcementProperties.class)
class EnforcementConfiguration {}
