package org.takedown.shared.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * API keys of machine clients: issued and revoked by an ADMIN (every change audited), checked on each API request.
 *
 * <p>A token is {@code tdk_<prefix>_<secret>}: the prefix finds the key, the SHA-256 of the whole token is compared
 * in constant time. Only that digest is stored; the token is shown once, at creation. Thread-safe.
 */
@Service
public class ApiKeys {

    private static final Pattern TOKEN = Pattern.compile("tdk_([A-Za-z0-9]{8})_([A-Za-z0-9]{40})");
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** Tokens checked recently: a busy client costs no database query per request. */
    private final CheckedTokens recent = new CheckedTokens(this::check);

    /**
     * Keys held only in this process's memory, by token digest: the server's own warm-up. Never stored, so no other
     * instance and no restart knows them.
     */
    private final Map<String, ApiKey> inMemory = new java.util.concurrent.ConcurrentHashMap<>();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final SecurityProperties properties;

    ApiKeys(JdbcClient jdbc, AuditLog audit, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** Refuses scopes of two organisations on one key (a key never does the work of both hotline and authority). */
    private static void oneOrganisation(Collection<ApiScope> scopes) {
        List<String> organisations = scopes.stream()
                .filter(s -> s.organisation() != null)
                .map(s -> s.id() + " (" + s.organisation().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .distinct()
                .sorted()
                .toList();
        if (scopes.stream()
                        .map(ApiScope::organisation)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .count()
                > 1) {
            throw InvalidRequestException.because("key.refused.organisations", String.join(", ", organisations));
        }
    }

    /**
     * Issues a key that reports for no source (so not with scope {@code report}). A key with scope {@code hoster}
     * must name its hosting company.
     *
     * @param ratePerMinute requests per minute, or null for the configured default
     * @return the key and its token, which is shown once and cannot be recovered
     */
    @Transactional
    public IssuedApiKey create(
            String name,
            Collection<ApiScope> scopes,
            @Nullable Long hostingCompanyId,
            @Nullable Integer ratePerMinute) {
        return create(name, scopes, hostingCompanyId, ratePerMinute, List.of());
    }

    /**
     * Issues a key. A key with scope {@code hoster} must name its hosting company, a key with scope {@code report}
     * the sources its reports may claim (and only such a key may name sources).
     *
     * @param ratePerMinute requests per minute, or null for the configured default
     * @return the key and its token, which is shown once and cannot be recovered
     */
    @Transactional
    public IssuedApiKey create(
            String name,
            Collection<ApiScope> scopes,
            @Nullable Long hostingCompanyId,
            @Nullable Integer ratePerMinute,
            Collection<String> reportSources) {
        String label = name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw InvalidRequestException.because("key.refused.name");
        }
        if (scopes.isEmpty()) {
            throw InvalidRequestException.because("key.refused.scope", String.valueOf(ApiScope.known()));
        }
        oneOrganisation(scopes);
        if (scopes.contains(ApiScope.HOSTER) && hostingCompanyId == null) {
            throw InvalidRequestException.because("key.refused.hoster");
        }
        List<String> sources = reportSources(scopes, reportSources);
        int rate = ratePerMinute != null ? ratePerMinute : properties.api().defaultRatePerMinute();
        if (rate < 1) {
            throw InvalidRequestException.because("key.refused.rate", String.valueOf(rate));
        }
        String prefix = Secrets.random(8);
        String token = newToken(prefix);
        EnumSet<ApiScope> scopeSet = EnumSet.copyOf(scopes);
        String[] scopeIds = scopeSet.stream().map(ApiScope::id).toArray(String[]::new);
        String actor = org.takedown.shared.audit.Actors.current();
        long id = jdbc.sql("""
                        INSERT INTO api_key (name, prefix, token_hash, scopes, hosting_company_id, rate_per_minute,
                                             created_at, created_by, report_sources)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        label,
                        prefix,
                        Secrets.sha256Hex(token),
                        scopeIds,
                        hostingCompanyId,
                        rate,
                        Timestamp.from(clock.instant()),
                        actor,
                        sources.toArray(String[]::new))
                .query(Long.class)
                .single();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", label);
        details.put("prefix", prefix);
        details.put("scopes", List.of(scopeIds));
        details.put("ratePerMinute", rate);
        if (hostingCompanyId != null) {
            details.put("hostingCompanyId", hostingCompanyId);
        }
        if (!sources.isEmpty()) {
            details.put("reportSources", sources);
        }
        audit.record("apikey.created", "apikey:" + id, details);
        return new IssuedApiKey(require(id), token);
    }

    /** The sources a key may report for, cleaned; refused unless a {@code report} key names at least one. */
    private static List<String> reportSources(Collection<ApiScope> scopes, Collection<String> reportSources) {
        List<String> sources = reportSources.stream()
                .map(source -> source.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(source -> !source.isEmpty())
                .distinct()
                .sorted()
                .toList();
        for (String source : sources) {
            if (!SOURCE.matcher(source).matches()) {
                throw InvalidRequestException.because("key.refused.source", source);
            }
        }
        if (scopes.contains(ApiScope.REPORT) && sources.isEmpty()) {
            throw InvalidRequestException.because("key.refused.sources");
        }
        if (!scopes.contains(ApiScope.REPORT) && !sources.isEmpty()) {
            throw InvalidRequestException.because("key.refused.sources.other");
        }
        return sources;
    }

    /** Revokes a key (by id or prefix); requests with it fail from now on. Revoking twice is refused. */
    @Transactional
    public ApiKey revoke(String idOrPrefix) {
        ApiKey key = find(idOrPrefix).orElseThrow(() -> new NotFoundException("no API key '" + idOrPrefix + "'"));
        if (!key.active()) {
            throw InvalidRequestException.because("key.refused.revoked", key.id(), key.revokedAt());
        }
        String actor = org.takedown.shared.audit.Actors.current();
        recent.dropKey(key.id());
        // and again once committed, in case a request cached the key in between
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        recent.dropKey(key.id());
                    }
                });
        jdbc.sql("UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), actor, key.id())
                .update();
        audit.record("apikey.revoked", "apikey:" + key.id(), Map.of("name", key.name(), "prefix", key.prefix()));
        return require(key.id());
    }

    /** All keys, newest first. */
    public List<ApiKey> list() {
        return jdbc.sql(SELECT + " ORDER BY id DESC").query(ApiKeys::map).list();
    }

    /** The key with this id or prefix. */
    public Optional<ApiKey> find(String idOrPrefix) {
        String value = idOrPrefix.strip();
        if (value.matches("\\d{1,18}")) {
            return jdbc.sql(SELECT + " WHERE id = ?")
                    .param(Long.parseLong(value))
                    .query(ApiKeys::map)
                    .optional();
        }
        return jdbc.sql(SELECT + " WHERE prefix = ?")
                .param(value)
                .query(ApiKeys::map)
                .optional();
    }

    /**
     * The active key a bearer token belongs to, or empty when the token is malformed, unknown or revoked. Notes when
     * the key was last used, to the minute. Answers from memory for a token checked in the database within the last
     * {@link CheckedTokens#EXPIRE_AFTER}; a revocation on this instance applies at once, on another within that
     * time. Not a transaction: a request answered from memory must not borrow a database connection.
     */
    public Optional<ApiKey> authenticate(String token) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String digest = Secrets.sha256Hex(token);
        return recent.key(matcher.group(1), digest);
    }

    /**
     * Holds the active keys used within {@code within} (at most 10 000, the most recent first) as if their tokens had
     * just been checked, so that the first requests of their clients after a restart wait for no database query: the
     * server calls it just before it says it is ready. A held key is checked again in the background at its first use,
     * which also notes that use.
     *
     * @return the number of keys held
     */
    public int holdRecentlyUsed(Duration within) {
        List<Map.Entry<ApiKey, String>> used = jdbc.sql(SELECT_WITH_HASH
                        + " WHERE revoked_at IS NULL AND last_used_at >= ? ORDER BY last_used_at DESC LIMIT 10000")
                .param(Timestamp.from(clock.instant().minus(within)))
                .query(ApiKeys::mapWithHash)
                .list();
        used.forEach(key -> recent.hold(key.getValue(), key.getKey()));
        return used.size();
    }

    /**
     * The active key of the token with this prefix and digest, or null. Notes the key's use, to the minute. A key held
     * in memory ({@link #issueInMemory}) is answered from there, through the same cache as a stored key, so that the
     * warm-up runs the path that real keys take.
     */
    private @Nullable ApiKey check(String prefix, String digest) {
        ApiKey own = inMemory.get(digest);
        if (own != null) {
            return own;
        }
        Optional<Map.Entry<ApiKey, String>> found = jdbc.sql(SELECT_WITH_HASH + " WHERE prefix = ?")
                .param(prefix)
                .query(ApiKeys::mapWithHash)
                .optional();
        if (found.isEmpty()
                || !found.get().getKey().active()
                || !Secrets.sameDigest(found.get().getValue(), digest)) {
            return null;
        }
        ApiKey key = found.get().getKey();
        Instant now = clock.instant();
        if (key.lastUsedAt() == null
                || key.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), key.id())
                    .update();
        }
        return key;
    }

    /**
     * Issues a key that lives only in this process's memory until {@link #forgetInMemory}: for requests the server
     * makes to itself (its warm-up before readiness). Its token is random and never leaves the process; its id is
     * negative, so its actor ({@code apikey:-N}) never names a stored key. Not audited: it is no one's key.
     *
     * @return the token
     */
    public String issueInMemory(long negativeId, String name, Set<ApiScope> scopes) {
        if (negativeId >= 0) {
            throw new IllegalArgumentException("an in-memory key's id is negative, not " + negativeId);
        }
        String prefix = Secrets.random(8);
        String token = newToken(prefix);
        inMemory.put(
                Secrets.sha256Hex(token),
                new ApiKey(
                        negativeId,
                        name,
                        prefix,
                        EnumSet.copyOf(scopes),
                        null,
                        100_000_000,
                        clock.instant(),
                        "system",
                        null,
                        null,
                        null,
                        List.of()));
        return token;
    }

    /** Ends a key from {@link #issueInMemory}: its token is refused from now on. */
    public void forgetInMemory(String token) {
        String digest = Secrets.sha256Hex(token);
        inMemory.remove(digest);
        recent.drop(digest);
    }

    /** A new token with the given public prefix, in the form {@link #TOKEN} reads. */
    private static String newToken(String prefix) {
        return "tdk_" + prefix + "_" + Secrets.random(40);
    }

    private ApiKey require(long id) {
        return find(Long.toString(id)).orElseThrow(() -> new NotFoundException("no API key " + id));
    }

    private static final String COLUMNS = "id, name, prefix, scopes, hosting_company_id, rate_per_minute, created_at,"
            + " created_by, revoked_at, revoked_by, last_used_at, report_sources";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM api_key";
    private static final String SELECT_WITH_HASH = "SELECT " + COLUMNS + ", token_hash FROM api_key";

    /** A row of {@link #SELECT_WITH_HASH}: the key and its token's digest. */
    private static Map.Entry<ApiKey, String> mapWithHash(ResultSet rs, int row) throws SQLException {
        return Map.entry(map(rs, row), rs.getString("token_hash"));
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("scopes");
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (Object scope : (Object[]) array.getArray()) {
            scopes.add(ApiScope.parse((String) scope));
        }
        long company = rs.getLong("hosting_company_id");
        Long companyId = rs.wasNull() ? null : company;
        return new ApiKey(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("prefix"),
                scopes,
                companyId,
                rs.getInt("rate_per_minute"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("revoked_by"),
                instant(rs.getTimestamp("last_used_at")),
                List.of((String[]) rs.getArray("report_sources").getArray()));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A newly issued key with its token, shown once. */
    public record IssuedApiKey(ApiKey key, String token) {}
}
