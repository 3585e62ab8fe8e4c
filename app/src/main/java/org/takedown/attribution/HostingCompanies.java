package org.takedown.attribution;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.attribution.asn.AsnData;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The registry of hosting companies (kept by supervisors) and the attribution of IP addresses to them: a domain
 * override wins, then the most specific registered IP range, then the company of the AS announcing the address.
 * Every change is audited. Thread-safe.
 */
@Service
public class HostingCompanies {

    /** How notices reach a company. */
    public static final List<NoticeChannel> CHANNELS = List.of(NoticeChannel.values());

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final AsnData networks;

    HostingCompanies(JdbcClient jdbc, AuditLog audit, Clock clock, AsnData networks) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.networks = networks;
    }

    /** Registers a company. */
    @Transactional
    public HostingCompany create(
            String name,
            String country,
            String abuseEmail,
            String noticeChannel,
            boolean ntdSignatory,
            @Nullable BigDecimal annualTurnoverEur) {
        String cleanName = CompanyFields.requireText(name, "a name");
        Timestamp now = Timestamp.from(clock.instant());
        long id;
        try {
            id = jdbc.sql("""
                            INSERT INTO hosting_company (name, country, abuse_email, notice_channel, ntd_signatory,
                                                         annual_turnover_eur, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(
                            cleanName,
                            CompanyFields.country(country),
                            CompanyFields.email(abuseEmail),
                            CompanyFields.channel(noticeChannel),
                            ntdSignatory,
                            CompanyFields.turnover(annualTurnoverEur),
                            now,
                            now)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw InvalidRequestException.because("company.refused.exists", cleanName);
        }
        HostingCompany company = get(id);
        audit.record("company.created", "company:" + id, describe(company));
        return company;
    }

    /** Changes a company's details. */
    @Transactional
    public HostingCompany update(
            long id,
            String country,
            String abuseEmail,
            String noticeChannel,
            boolean ntdSignatory,
            @Nullable BigDecimal annualTurnoverEur) {
        get(id);
        jdbc.sql("""
                        UPDATE hosting_company SET country = ?, abuse_email = ?, notice_channel = ?, ntd_signatory = ?,
                               annual_turnover_eur = ?, updated_at = ? WHERE id = ?""")
                .params(
                        CompanyFields.country(country),
                        CompanyFields.email(abuseEmail),
                        CompanyFields.channel(noticeChannel),
                        ntdSignatory,
                        CompanyFields.turnover(annualTurnoverEur),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        HostingCompany company = get(id);
        audit.record("company.updated", "company:" + id, describe(company));
        return company;
    }

    /** Where a company with channel WEBHOOK receives its notices, and the key they are signed with. */
    public record Webhook(String url, String secret) {}

    /**
     * Sets (or with null, removes) the address a company's notices are POSTed to. The first address gets a new
     * signing key; changing the address keeps it ({@link #rotateWebhookSecret} makes a new one).
     */
    @Transactional
    public HostingCompany setWebhook(long id, @Nullable String url) {
        get(id);
        String clean = url == null || url.isBlank() ? null : webhookUrl(url);
        jdbc.sql("""
                        UPDATE hosting_company SET webhook_url = ?,
                               webhook_secret = CASE WHEN CAST(? AS text) IS NULL THEN NULL
                                                     ELSE coalesce(webhook_secret, ?) END,
                               updated_at = ? WHERE id = ?""")
                .params(clean, clean, newSecret(), Timestamp.from(clock.instant()), id)
                .update();
        audit.record("company.webhook", "company:" + id, clean == null ? Map.of() : Map.of("url", clean));
        return get(id);
    }

    /** Replaces the webhook signing key (the old one stops working at once). */
    @Transactional
    public String rotateWebhookSecret(long id) {
        if (get(id).webhookUrl() == null) {
            throw InvalidRequestException.because("company.refused.no-webhook");
        }
        String secret = newSecret();
        jdbc.sql("UPDATE hosting_company SET webhook_secret = ?, updated_at = ? WHERE id = ?")
                .params(secret, Timestamp.from(clock.instant()), id)
                .update();
        audit.record("company.webhook-key-rotated", "company:" + id, Map.of());
        return secret;
    }

    /** The company's webhook, if it has one. */
    public Optional<Webhook> webhook(long id) {
        return jdbc.sql(
                        "SELECT webhook_url, webhook_secret FROM hosting_company WHERE id = ? AND webhook_url IS NOT NULL")
                .param(id)
                .query((rs, n) -> new Webhook(rs.getString(1), rs.getString(2)))
                .optional();
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static String webhookUrl(String url) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw InvalidRequestException.because("company.refused.webhook.url", e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw InvalidRequestException.because("company.refused.webhook.scheme", url);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw InvalidRequestException.because("company.refused.webhook.parts", url);
        }
        return uri.toString();
    }

    /**
     * The size of a company's IPv4 address space, for rankings normalised by size: the addresses its ASes announce
     * (from the IP-to-ASN data) plus its registered IPv4 ranges (resellers, sub-allocations).
     */
    public long announcedIpv4(HostingCompany company) {
        long total = 0;
        for (long asn : company.asns()) {
            total += networks.announcedIpv4(asn);
        }
        Long ranges = jdbc.sql("""
                        SELECT coalesce(sum(last_ip - first_ip + 1), 0) FROM hosting_company_range
                        WHERE company_id = ? AND family(first_ip) = 4""").param(company.id()).query(Long.class).single();
        return total + (ranges == null ? 0 : ranges);
    }

    /** Gives an AS to a company (an AS belongs to one company). */
    @Transactional
    public void addAsn(long companyId, long asn) {
        get(companyId);
        if (asn <= 0 || asn > 4_294_967_295L) {
            throw InvalidRequestException.because("company.refused.asn", String.valueOf(asn));
        }
        Optional<Long> owner = jdbc.sql("SELECT company_id FROM hosting_company_asn WHERE asn = ?")
                .param(asn)
                .query(Long.class)
                .optional();
        if (owner.isPresent()) {
            throw InvalidRequestException.because(
                    "company.refused.asn.taken",
                    String.valueOf(asn),
                    get(owner.get()).name());
        }
        jdbc.sql("INSERT INTO hosting_company_asn (asn, company_id) VALUES (?, ?)")
                .params(asn, companyId)
                .update();
        audit.record("company.asn-added", "company:" + companyId, Map.of("asn", asn));
    }

    /** Gives an IP range (first and last address, both IPv4 or both IPv6) to a company. */
    @Transactional
    public void addRange(long companyId, String first, String last, @Nullable String note) {
        get(companyId);
        InetAddress from = ip(first);
        InetAddress to = ip(last);
        if (from.getAddress().length != to.getAddress().length) {
            throw InvalidRequestException.because("company.refused.range.family");
        }
        if (new java.math.BigInteger(1, from.getAddress()).compareTo(new java.math.BigInteger(1, to.getAddress()))
                > 0) {
            throw InvalidRequestException.because("company.refused.range.order", first, last);
        }
        jdbc.sql("INSERT INTO hosting_company_range (company_id, first_ip, last_ip, note)"
                        + " VALUES (?, CAST(? AS inet), CAST(? AS inet), ?)")
                .params(companyId, from.getHostAddress(), to.getHostAddress(), note)
                .update();
        audit.record(
                "company.range-added",
                "company:" + companyId,
                Map.of("range", AsnDatabase.text(from) + "-" + AsnDatabase.text(to)));
    }

    /** Maps a domain (and its subdomains) to a company, whatever its IP says (CDNs, resellers). */
    @Transactional
    public void addDomainOverride(long companyId, String domain, @Nullable String note) {
        get(companyId);
        String clean = java.net
                .IDN
                .toASCII(CompanyFields.requireText(domain, "a domain"), java.net.IDN.ALLOW_UNASSIGNED)
                .toLowerCase(Locale.ROOT);
        if (!clean.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
            throw InvalidRequestException.because("company.refused.domain", domain);
        }
        try {
            jdbc.sql("INSERT INTO attribution_override (domain, company_id, note, created_at) VALUES (?, ?, ?, ?)")
                    .params(clean, companyId, note, Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw InvalidRequestException.because("company.refused.domain.taken", clean);
        }
        audit.record("company.domain-override", "company:" + companyId, Map.of("domain", clean));
    }

    /** All companies by name, in one query. */
    public List<HostingCompany> list() {
        return jdbc.sql(SELECT + " ORDER BY c.name")
                .query(HostingCompanies::map)
                .list();
    }

    public HostingCompany get(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?")
                .param(id)
                .query(HostingCompanies::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("no hosting company " + id));
    }

    private static final String SELECT = """
            SELECT c.*,
                   ARRAY(SELECT asn FROM hosting_company_asn a WHERE a.company_id = c.id ORDER BY asn) AS asns,
                   ARRAY(SELECT host(first_ip) || '-' || host(last_ip) FROM hosting_company_range r
                         WHERE r.company_id = c.id ORDER BY first_ip) AS ranges,
                   ARRAY(SELECT domain FROM attribution_override o WHERE o.company_id = c.id
                         ORDER BY domain) AS domains
            FROM hosting_company c""";

    /** Where {@code address} of {@code host} is hosted. */
    public Attribution attribute(String host, InetAddress address) {
        return attribute(host, networks.lookup(address));
    }

    /** Which registered company hosts {@code host} on {@code network} (as the offline data describes the address). */
    public Attribution attribute(String host, Network network) {
        String ip = network.ip();
        Optional<Long> company = jdbc.sql(
                        "SELECT company_id FROM attribution_override WHERE ? = domain OR ? LIKE '%.' || domain"
                                + " ORDER BY length(domain) DESC LIMIT 1")
                .params(host, host)
                .query(Long.class)
                .optional();
        String matchedBy = company.isPresent() ? "domain" : null;
        if (company.isEmpty()) {
            company = jdbc.sql("""
                            SELECT company_id FROM hosting_company_range
                            WHERE family(first_ip) = family(CAST(? AS inet))
                              AND CAST(? AS inet) BETWEEN first_ip AND last_ip
                            ORDER BY first_ip DESC, last_ip LIMIT 1""").params(ip, ip).query(Long.class).optional();
            matchedBy = company.isPresent() ? "range" : null;
        }
        if (company.isEmpty() && network.asn() != 0) {
            company = jdbc.sql("SELECT company_id FROM hosting_company_asn WHERE asn = ?")
                    .param(network.asn())
                    .query(Long.class)
                    .optional();
            matchedBy = company.isPresent() ? "asn" : null;
        }
        if (company.isEmpty()) {
            return new Attribution(network, null, null, null, null, network.country());
        }
        HostingCompany found = get(company.get());
        return new Attribution(network, found.id(), found.name(), found.abuseEmail(), matchedBy, found.country());
    }

    private static HostingCompany map(ResultSet rs, int row) throws SQLException {
        List<Long> asns = new ArrayList<>();
        for (Object asn : (Object[]) rs.getArray("asns").getArray()) {
            asns.add(((Number) asn).longValue());
        }
        List<String> ranges = new ArrayList<>();
        for (Object range : (Object[]) rs.getArray("ranges").getArray()) {
            ranges.add((String) range);
        }
        List<String> domains = new ArrayList<>();
        for (Object domain : (Object[]) rs.getArray("domains").getArray()) {
            domains.add((String) domain);
        }
        return new HostingCompany(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("country"),
                rs.getString("abuse_email"),
                NoticeChannel.valueOf(rs.getString("notice_channel")),
                rs.getBoolean("ntd_signatory"),
                rs.getBigDecimal("annual_turnover_eur"),
                rs.getString("webhook_url"),
                asns,
                ranges,
                domains);
    }

    private static Map<String, Object> describe(HostingCompany company) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", company.name());
        details.put("country", company.country());
        details.put("abuseEmail", company.abuseEmail());
        details.put("noticeChannel", company.noticeChannel().name());
        details.put("ntdSignatory", company.ntdSignatory());
        return details;
    }

    private static InetAddress ip(String text) {
        try {
            return AsnDatabase.address(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }
}
