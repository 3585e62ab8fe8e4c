package org.takedown.shared.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API key may do. Each scope is the authority {@code SCOPE_<name>}. */
public enum ApiScope {
    /** Submit reports of URLs (partners: police, foreign hotlines, trusted flaggers). */
    REPORT,
    /** Check hashes against the hash lists (hosting companies). */
    HASHCHECK,
    /** Curate hash lists: create, edit, import, disable entries (supervisors' tools). */
    BANKS,
    /** Pull a hash list's changes and send feedback on its entries (another hotline's or the police's Takedown). */
    EXCHANGE,
    /** Read and answer the notices of the key's hosting company. */
    HOSTER,
    /** The authority's own systems: read cases and decisions, draft orders, statistics (signing stays in the UI). */
    ENFORCEMENT,
    /** Read and verify the audit log (external auditors). */
    AUDIT,
    /** Scrape Prometheus metrics. */
    METRICS,
    /** Manage API keys. */
    ADMIN;

    /**
     * The one organisation whose work a scope does, or null for scopes any client may hold (reporting, hash checks,
     * auditing, metrics, administration). A key never does the work of two organisations.
     */
    public Role.@org.jspecify.annotations.Nullable Organisation organisation() {
        return switch (this) {
            case BANKS, EXCHANGE -> Role.Organisation.HOTLINE;
            case ENFORCEMENT -> Role.Organisation.AUTHORITY;
            case HOSTER -> Role.Organisation.PROVIDER;
            default -> null;
        };
    }

    /** The lower-case name used in the API, CLI and database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority of this scope. */
    public String authority() {
        return "SCOPE_" + id();
    }

    /** Parses a scope name, ignoring case. */
    public static ApiScope parse(String name) {
        for (ApiScope scope : values()) {
            if (scope.id().equalsIgnoreCase(name.strip())) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "'; known scopes: " + known());
    }

    /** All scope names, comma-separated. */
    public static String known() {
        return Arrays.stream(values()).map(ApiScope::id).collect(Collectors.joining(", "));
    }
}
