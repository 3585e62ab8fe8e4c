package org.takedown.notices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxSenderTests {

    @Test
    void aFailedDeliveryWaitsTwiceAsLongEachTimeUpToAnHour() {
        Duration minute = Duration.ofMinutes(1);
        assertThat(OutboxSender.retryPause(minute, 1)).isEqualTo(minute);
        assertThat(OutboxSender.retryPause(minute, 2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OutboxSender.retryPause(minute, 6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(OutboxSender.retryPause(minute, 7)).isEqualTo(Duration.ofHours(1));
        assertThat(OutboxSender.retryPause(minute, 1_000)).isEqualTo(Duration.ofHours(1));
    }
}
