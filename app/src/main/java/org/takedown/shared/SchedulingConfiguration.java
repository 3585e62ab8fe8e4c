package org.takedown.shared;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.takedown.shared.jobs.JobWatch;

/**
 * Background work runs on Spring's scheduler (the jobs themselves claim their rows in PostgreSQL), in servers only:
 * command-line runs set {@code takedown.workers.enabled=false} and leave the work to the running server.
 *
 * <p>Each scheduled job gets a thread of its own: a pool with more threads than there are jobs, so a job whose round
 * stalls (a slow server, a slow query) never delays another. (Spring's virtual-thread scheduler runs every
 * fixed-delay task on its one scheduler thread, one after the other.) Every round is timed by the {@link JobWatch}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "takedown.workers.enabled", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration implements SchedulingConfigurer, DisposableBean {

    /** More than the application's scheduled tasks (twelve), so each has a thread whenever it is due. */
    static final int THREADS = 24;

    // not a bean: an Executor bean would replace Spring Boot's task executor, and the asynchronous event listeners
    // would then share the jobs' threads
    private final ThreadPoolTaskScheduler scheduler;

    SchedulingConfiguration(JobWatch watch) {
        this.scheduler = scheduler(watch);
        scheduler.initialize();
    }

    /** The jobs' scheduler: a thread per job, every round timed by {@code watch}. Not yet initialised. */
    static ThreadPoolTaskScheduler scheduler(JobWatch watch) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("job-");
        scheduler.setTaskDecorator(watch::watched);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.setTaskScheduler(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
