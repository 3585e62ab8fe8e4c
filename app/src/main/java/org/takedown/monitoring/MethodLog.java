package org.takedown.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.notices.NoticesProperties;
import org.takedown.probing.ProbingProperties;

/**
 * Records when the way of measuring changes: at every start the settings that decide removal times (check schedule,
 * norm) are compared with the last ones recorded, and a change is written down, so the trends can mark it.
 */
@Component
class MethodLog implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProbingProperties probing;
    private final NoticesProperties notices;

    MethodLog(JdbcClient jdbc, Clock clock, ProbingProperties probing, NoticesProperties notices) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.probing = probing;
        this.notices = notices;
    }

    /** The settings in words. */
    String settings() {
        ProbingProperties.Schedule s = probing.schedule();
        return "checks every " + human(s.interval()) + " for " + human(s.intensive()) + ", then every "
                + human(s.laterInterval()) + " up to " + human(s.watchFor()) + ", again after " + human(s.retry())
                + " when not found online; removed after 3 results not online, one conclusive; a breach when online "
                + human(notices.norm()) + " after the notice, a reminder every " + human(notices.remindEvery());
    }

    static String human(java.time.Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0 && seconds >= 86_400 * 2) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return d.toMillis() + " ms";
    }

    @Override
    public void run(ApplicationArguments args) {
        String now = settings();
        Optional<String> last = jdbc.sql("SELECT settings FROM monitor_method_change ORDER BY id DESC LIMIT 1")
                .query(String.class)
                .optional();
        if (last.isPresent() && last.get().equals(now)) {
            return;
        }
        jdbc.sql("INSERT INTO monitor_method_change (changed_at, settings, description) VALUES (?, ?, ?)")
                .params(
                        Timestamp.from(clock.instant()),
                        now,
                        last.isEmpty() ? "measurement started: " + now : "method changed: " + now)
                .update();
    }
}
