package org.takedown.shared.persistence;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Takedown's PostgreSQL database is.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code TAKEDOWN_DB_URL}); when blank, Takedown runs an embedded
 *     PostgreSQL whose files are kept under {@code embedded.dataDir}
 * @param username user for the external database ({@code TAKEDOWN_DB_USERNAME})
 * @param password password for the external database ({@code TAKEDOWN_DB_PASSWORD})
 * @param ownerUsername the role that owns the schema and runs the migrations ({@code TAKEDOWN_DB_OWNER_USERNAME});
 *     when set, the application's login gets only the rights it needs (on the audit log: read and append). When
 *     blank, the application's login migrates and owns everything itself (weaker: see README, Security)
 * @param ownerPassword the owner's password ({@code TAKEDOWN_DB_OWNER_PASSWORD})
 * @param maxPoolSize connections kept open at most
 * @param connectTimeout how long to wait for a connection before failing
 * @param embedded settings of the embedded database
 */
@ConfigurationProperties("takedown.db")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String ownerUsername,
        @Nullable String ownerPassword,
        @DefaultValue("10") int maxPoolSize,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue Embedded embedded) {

    /** True when no external database is configured. */
    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /** True when a separate owner runs the migrations (always for the embedded database). */
    public boolean hasOwner() {
        return isEmbedded() || (ownerUsername != null && !ownerUsername.isBlank());
    }

    /**
     * The embedded PostgreSQL.
     *
     * @param dataDir directory of its files (default {@code ./data/postgres})
     * @param port loopback port it listens on, so that CLI commands reach the database of a running demo
     * @param settings PostgreSQL settings for the server it starts (e.g. {@code autovacuum_naptime: 1s}); none by
     *     default
     */
    public record Embedded(
            @DefaultValue("data/postgres") Path dataDir,
            @DefaultValue("54329") int port,
            java.util.@Nullable Map<String, String> settings) {

        /** The settings, none when not given. */
        public java.util.Map<String, String> serverSettings() {
            return settings == null ? java.util.Map.of() : settings;
        }
    }
}
