package org.takedown.shared;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work runs on Spring's scheduler (the jobs themselves claim their rows in PostgreSQL), in servers only:
 * command-line runs set {@code takedown.workers.enabled=false} and leave the work to the running server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "takedown.workers.enabled", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {}
