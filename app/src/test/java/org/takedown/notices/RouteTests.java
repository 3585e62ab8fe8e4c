package org.takedown.notices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The routing rule: where an assessment and a hosting place send a URL. */
class RouteTests {

    @Test
    void illegalContentGoesToTheNoticeQueueInTheNetherlandsAndIsReferredFromAbroad() {
        assertThat(Route.of("BASELINE", "NL", 7L, "Dutch")).isEqualTo(new Route(Queue.NOTICE, "NL", 7L, "Dutch"));
        assertThat(Route.of("NATIONAL", "NL", null, "AS org")).isEqualTo(new Route(Queue.NOTICE, "NL", null, "AS org"));
        assertThat(Route.of("BASELINE", "DE", 8L, "German")).isEqualTo(new Route(Queue.REFERRAL, "DE", 8L, "German"));
        assertThat(Route.of("NATIONAL", "US", null, null)).isEqualTo(new Route(Queue.REFERRAL, "US", null, null));
    }

    @Test
    void policeCasesGoToThePoliceWhereverTheyAreAndTheRestNowhere() {
        assertThat(Route.of("NEEDS_POLICE", null, null, null)).isEqualTo(new Route(Queue.POLICE, null, null, null));
        assertThat(Route.of("NEEDS_POLICE", "DE", 8L, "German")).isEqualTo(new Route(Queue.POLICE, "DE", 8L, "German"));
        assertThat(Route.of("NOT_ILLEGAL", "NL", 7L, "Dutch")).isNull();
        assertThat(Route.of(null, "NL", 7L, "Dutch")).isNull();
        assertThat(Route.of("BASELINE", null, null, null))
                .as("waits for attribution")
                .isNull();
    }

    @Test
    void theSamePlaceIgnoresARenamedCompanyButNotAnotherUnregisteredOne() {
        Route registered = new Route(Queue.NOTICE, "NL", 7L, "Dutch");
        assertThat(registered.samePlace(new Route(Queue.NOTICE, "NL", 7L, "Dutch B.V.")))
                .isTrue();
        assertThat(registered.samePlace(new Route(Queue.NOTICE, "NL", 9L, "Dutch")))
                .isFalse();
        Route unregistered = new Route(Queue.NOTICE, "NL", null, "AS one");
        assertThat(unregistered.samePlace(new Route(Queue.NOTICE, "NL", null, "AS one")))
                .isTrue();
        assertThat(unregistered.samePlace(new Route(Queue.NOTICE, "NL", null, "AS two")))
                .isFalse();
        assertThat(registered.samePlace(new Route(Queue.REFERRAL, "NL", 7L, "Dutch")))
                .isFalse();
    }
}
