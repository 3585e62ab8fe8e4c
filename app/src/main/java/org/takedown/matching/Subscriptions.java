package org.takedown.matching;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.net.Egress;
import org.takedown.shared.net.HardDeadline;
import org.takedown.shared.net.HostResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscriber side of the exchange: subscriptions of a local list to a list of another Takedown instance, pulled
 * on their schedule a page at a time through the guarded egress (a hard deadline per request, a cap on each answer);
 * each page is applied and its cursor kept in one transaction, so a failure loses nothing and the next sync resumes
 * there. Entries carry the source's provenance; an entry the source disables is disabled here only when it came from
 * that source. Thread-safe.
 */
@Component
class Subscriptions implements DisposableBean {

    /** Longest answer read from a source (a page of 10 000 entries is about 2 MB). */
    static final long MAX_ANSWER = 32L * 1024 * 1024;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batches;
    private final BankStore store;
    private final Clock clock;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final MatchingProperties.Exchange settings;
    private final CloseableHttpClient client;

    Subscriptions(
            JdbcClient jdbc,
            org.springframework.jdbc.core.JdbcTemplate batches,
            BankStore store,
            Clock clock,
            AuditLog audit,
            JsonMapper json,
            TransactionTemplate transactions,
            MatchingProperties properties) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
        this.transactions = transactions;
        this.settings = properties.exchange() != null
                ? properties.exchange()
                : new MatchingProperties.Exchange(ExchangeFeed.MAX_PAGE, Duration.ofSeconds(60), false);
        this.client = Egress.client(new Egress.Settings(
                HostResolver.system(),
                settings.allowLoopback(),
                null,
                Duration.ofSeconds(10),
                settings.timeout(),
                settings.timeout(),
                4,
                16,
                "Takedown-exchange/1"));
    }

    long subscribe(
            String bankName,
            @Nullable String sourceUrl,
            @Nullable String sourceBank,
            @Nullable String key,
            @Nullable Duration every) {
        Bank bank =
                store.find(bankName).orElseThrow(() -> new NotFoundException("no hash list named '" + bankName + "'"));
        String url = sourceUrl == null ? "" : sourceUrl.strip().replaceAll("/+$", "");
        if (!url.startsWith("https://") && !(settings.allowLoopback() && url.startsWith("http://"))) {
            throw InvalidRequestException.because("subscription.refused.https", url);
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.because("subscription.refused.address", url, e.getMessage());
        }
        String remote = require(sourceBank, "subscription.refused.bank");
        String token = require(key, "subscription.refused.key");
        Duration interval = every == null ? Duration.ofHours(1) : every;
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw InvalidRequestException.because("subscription.refused.interval", interval.toString());
        }
        long id = jdbc.sql("""
                        INSERT INTO exchange_subscription (bank_id, source_url, source_bank, api_key, every_seconds,
                                                           next_sync_at, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bank_id, source_url, source_bank) DO NOTHING
                        RETURNING id""")
                .params(bank.id(), url, remote, token, (int) interval.toSeconds(), now(), Actors.current(), now())
                .query(Long.class)
                .optional()
                .orElseThrow(
                        () -> InvalidRequestException.because("subscription.refused.exists", bankName, remote, url));
        audit.record(
                "bank.subscribed", "bank:" + bankName, Map.of("source", url, "sourceBank", remote, "subscription", id));
        return id;
    }

    List<Exchange.Subscription> of(String bankName) {
        return jdbc.sql("""
                        SELECT s.id, b.name, s.source_url, s.source_bank, s.every_seconds, s.cursor_entry,
                               s.cursor_disabled, s.next_sync_at, s.last_success_at, s.last_error, s.last_error_at,
                               s.entries_added, s.entries_disabled
                        FROM exchange_subscription s JOIN hash_bank b ON b.id = s.bank_id WHERE b.name = ?
                        ORDER BY s.id""")
                .param(bankName)
                .query((rs, n) -> new Exchange.Subscription(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Duration.ofSeconds(rs.getInt(5)),
                        new ExchangeCursor(rs.getLong(6), rs.getLong(7)).toString(),
                        rs.getTimestamp(8).toInstant(),
                        instant(rs.getTimestamp(9)),
                        rs.getString(10),
                        instant(rs.getTimestamp(11)),
                        rs.getLong(12),
                        rs.getLong(13)))
                .list();
    }

    /** The subscriptions due by the clock, synced one after another; returns how many pages were applied. */
    int syncDue() {
        List<Long> due = jdbc.sql("SELECT id FROM exchange_subscription WHERE next_sync_at <= ? ORDER BY next_sync_at")
                .param(now())
                .query(Long.class)
                .list();
        int pages = 0;
        for (long id : due) {
            pages += sync(id);
        }
        return pages;
    }

    @Nullable
    Instant nextDue() {
        return jdbc.sql("SELECT min(next_sync_at) FROM exchange_subscription")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private record Target(
            long id, long bankId, String url, String sourceBank, String key, int every, ExchangeCursor cursor) {}

    /** Pulls a subscription until it is caught up or a request fails; returns the pages applied. */
    int sync(long subscriptionId) {
        Target target = target(subscriptionId);
        ExchangeCursor cursor = target.cursor();
        int pages = 0;
        try {
            while (true) {
                ExchangePage page = fetch(target, cursor);
                ExchangeCursor from = cursor;
                ExchangeCursor next = ExchangeCursor.parse(page.next());
                Boolean applied = transactions.execute(status -> apply(target, from, next, page));
                if (!Boolean.TRUE.equals(applied)) {
                    break; // another instance moved the cursor: it is syncing this subscription
                }
                pages++;
                cursor = next;
                if (!page.more()) {
                    break;
                }
            }
            jdbc.sql("UPDATE exchange_subscription SET last_success_at = ?, next_sync_at = ? WHERE id = ?")
                    .params(now(), Timestamp.from(clock.instant().plusSeconds(target.every())), subscriptionId)
                    .update();
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.sql(
                            "UPDATE exchange_subscription SET last_error = ?, last_error_at = ?, next_sync_at = ? WHERE id = ?")
                    .params(
                            why.length() > 500 ? why.substring(0, 500) : why,
                            now(),
                            Timestamp.from(clock.instant().plusSeconds(Math.min(target.every(), 300))),
                            subscriptionId)
                    .update();
        }
        return pages;
    }

    private Target target(long id) {
        return jdbc.sql("""
                        SELECT id, bank_id, source_url, source_bank, api_key, every_seconds,
                               cursor_entry, cursor_disabled FROM exchange_subscription WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Target(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        new ExchangeCursor(rs.getLong(7), rs.getLong(8))))
                .optional()
                .orElseThrow(() -> new NotFoundException("no subscription " + id));
    }

    private ExchangePage fetch(Target target, ExchangeCursor cursor) throws IOException {
        String path = target.url() + "/api/v1/exchange/banks/"
                + URLEncoder.encode(target.sourceBank(), StandardCharsets.UTF_8) + "/changes?after=" + cursor
                + "&limit=" + settings.page();
        String body = call(new HttpGet(path), target.key());
        return json.readValue(body, ExchangePage.class);
    }

    /** Applies a page and moves the cursor, only if no other instance moved it first; the caller's transaction. */
    private boolean apply(Target target, ExchangeCursor from, ExchangeCursor next, ExchangePage page) {
        store.lockEntries();
        if (jdbc.sql("""
                        UPDATE exchange_subscription SET cursor_entry = ?, cursor_disabled = ?
                        WHERE id = ? AND cursor_entry = ? AND cursor_disabled = ?""")
                        .params(next.entry(), next.disabled(), target.id(), from.entry(), from.disabled())
                        .update()
                == 0) {
            return false;
        }
        String provenance = provenance(target);
        Timestamp now = now();
        List<Object[]> additions = new java.util.ArrayList<>();
        List<Object[]> disablements = new java.util.ArrayList<>();
        for (ExchangePage.Entry e : page.entries()) {
            HashType type = HashType.parse(e.type());
            byte[] value = type.decode(e.value());
            if (e.disabled()) {
                disablements.add(new Object[] {now, target.bankId(), type.id(), value, value, provenance + " #%"});
            } else {
                additions.add(
                        new Object[] {target.bankId(), type.id(), value, e.label(), provenance + " #" + e.id(), now});
            }
        }
        long added = sum(batches.batchUpdate("""
                INSERT INTO hash_entry (bank_id, type, value, label, provenance, added_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bank_id, type, sha256(value)) DO NOTHING""", additions));
        long disabled = sum(batches.batchUpdate("""
                UPDATE hash_entry SET disabled_at = ?, disabled_seq = nextval('hash_entry_disabled_seq')
                WHERE bank_id = ? AND type = ? AND sha256(value) = sha256(?) AND value = ? AND disabled_at IS NULL
                  AND provenance LIKE ?""", disablements));
        jdbc.sql("""
                        UPDATE exchange_subscription SET entries_added = entries_added + ?,
                            entries_disabled = entries_disabled + ?, last_error = NULL WHERE id = ?""").params(added, disabled, target.id()).update();
        return true;
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int n : counts) {
            total += Math.max(0, n);
        }
        return total;
    }

    static String provenance(Target target) {
        return "exchange:" + target.url() + " " + target.sourceBank();
    }

    /** Sends feedback on one entry to the subscription's source. */
    void feedback(long subscriptionId, String type, String value, String verdict, @Nullable String note)
            throws IOException {
        Target target = target(subscriptionId);
        HttpPost post = new HttpPost(target.url() + "/api/v1/exchange/banks/"
                + URLEncoder.encode(target.sourceBank(), StandardCharsets.UTF_8) + "/feedback");
        post.setEntity(new StringEntity(
                json.writeValueAsString(
                        Map.of("type", type, "value", value, "verdict", verdict, "note", note == null ? "" : note)),
                ContentType.APPLICATION_JSON));
        call(post, target.key());
        audit.record("bank.feedback-sent", "subscription:" + subscriptionId, Map.of("verdict", verdict));
    }

    private String call(HttpUriRequestBase request, String key) throws IOException {
        request.setHeader("Authorization", "Bearer " + key);
        request.setHeader("Accept", "application/json");
        try {
            return HardDeadline.within(settings.timeout(), () -> read(request), request::cancel);
        } catch (TimeoutException e) {
            throw new IOException(
                    "the source did not answer within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stopped while calling the source");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("the source failed: " + e.getCause(), e.getCause());
        }
    }

    private String read(HttpUriRequestBase request) throws IOException {
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int status = response.getCode();
            byte[] body;
            try (InputStream in = response.getEntity() == null
                    ? InputStream.nullInputStream()
                    : response.getEntity().getContent()) {
                body = in.readNBytes((int) MAX_ANSWER + 1);
            }
            if (body.length > MAX_ANSWER) {
                throw new IOException("the source's answer is over " + MAX_ANSWER / (1024 * 1024) + " MB");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (status < 200 || status > 299) {
                throw new IOException("the source answered HTTP " + status + ": "
                        + (text.length() > 200 ? text.substring(0, 200) : text));
            }
            return text;
        }
    }

    private static String require(@Nullable String text, String key) {
        if (text == null || text.isBlank()) {
            throw InvalidRequestException.because(key);
        }
        return text.strip();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
