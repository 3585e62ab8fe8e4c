package org.takedown.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class CheckedTokensTests {

    static final ApiKey KEY = new ApiKey(
            7,
            "partner",
            "abcdEFGH",
            EnumSet.of(ApiScope.HASHCHECK),
            null,
            1000,
            Instant.parse("2026-12-01T00:00:00Z"),
            "admin",
            null,
            null,
            null,
            List.of());

    /** A check that counts its calls, answers {@link #answer} and, while {@link #gate} is set, waits for it. */
    static final class CountingCheck implements CheckedTokens.Check {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<@Nullable ApiKey> answer = new AtomicReference<>(KEY);
        final AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public @Nullable ApiKey check(String prefix, String digest) {
            calls.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RuntimeException failed = failure.get();
            if (failed != null) {
                throw failed;
            }
            return answer.get();
        }
    }

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final CountingCheck check = new CountingCheck();
    final CheckedTokens tokens = new CheckedTokens(check, now::get);

    @Test
    void aBurstOfRequestsWithATokenNotHeldCostsOneCheck() throws Exception {
        check.gate = new CountDownLatch(1);
        ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Optional<ApiKey>>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(requests.submit(() -> tokens.key("abcdEFGH", "digest")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> check.calls.get() == 1);
            check.gate.countDown();
            for (Future<Optional<ApiKey>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).contains(KEY);
            }
        } finally {
            requests.shutdownNow();
        }
        assertThat(check.calls).as("checks for 200 requests at once").hasValue(1);
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        assertThat(check.calls).as("held afterwards").hasValue(1);
    }

    @Test
    void anUnknownTokenIsNotHeld() {
        check.answer.set(null);
        assertThat(tokens.key("abcdEFGH", "digest")).isEmpty();
        assertThat(tokens.key("abcdEFGH", "digest")).isEmpty();
        assertThat(check.calls).hasValue(2);
    }

    @Test
    void aFailedCheckReachesTheCallerAsItsOwnExceptionAndIsNotHeld() {
        check.failure.set(new DataAccessResourceFailureException("database away"));
        assertThatThrownBy(() -> tokens.key("abcdEFGH", "digest"))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessage("database away");
        check.failure.set(null);
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        assertThat(check.calls).hasValue(2);
    }

    @Test
    void aTokenInUseIsCheckedAgainInTheBackgroundWhileRequestsGoOn() {
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        now.addAndGet(CheckedTokens.REFRESH_AFTER.plusMillis(1).toNanos());
        check.gate = new CountDownLatch(1);
        // answered at once from memory although the new check waits
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.calls.get() == 2);
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        // the key was revoked elsewhere meanwhile: once the check ends, the token is no longer held
        check.answer.set(null);
        check.gate.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tokens.key("abcdEFGH", "digest").isEmpty());
    }

    @Test
    void aTokenNotCheckedAgainWithinTheExpiryIsCheckedBeforeItIsAnswered() {
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        now.addAndGet(CheckedTokens.EXPIRE_AFTER.plusMillis(1).toNanos());
        check.answer.set(null);
        assertThat(tokens.key("abcdEFGH", "digest")).isEmpty();
        assertThat(check.calls).hasValue(2);
    }

    @Test
    void aHeldKeyIsAnsweredAtOnceAndCheckedInTheBackgroundAtItsFirstUse() {
        tokens.hold("digest", KEY);
        check.gate = new CountDownLatch(1);
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.calls.get() == 1);
        assertThat(tokens.key("abcdEFGH", "digest")).as("while it is checked").contains(KEY);
        check.answer.set(null); // revoked meanwhile
        check.gate.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tokens.key("abcdEFGH", "digest").isEmpty());
        assertThat(check.calls)
                .as("one check in the background, one after the key was dropped")
                .hasValue(2);
    }

    @Test
    void droppingAKeyDropsItsTokens() {
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        assertThat(tokens.key("abcdEFGH", "other digest")).contains(KEY);
        tokens.dropKey(KEY.id());
        check.answer.set(null);
        assertThat(tokens.key("abcdEFGH", "digest")).isEmpty();
        assertThat(tokens.key("abcdEFGH", "other digest")).isEmpty();
        assertThat(check.calls).hasValue(4);
        check.answer.set(KEY);
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        tokens.drop("digest");
        assertThat(tokens.key("abcdEFGH", "digest")).contains(KEY);
        assertThat(check.calls).as("checked again after the drop").hasValue(6);
    }
}
