package org.takedown.enforcement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.shared.audit.Actors;
import org.takedown.shared.audit.AuditLog;

/** The authority's register of addressees over the company registry. Thread-safe. */
@Component
class Addressees {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final HostingCompanies companies;

    Addressees(JdbcClient jdbc, Clock clock, AuditLog audit, HostingCompanies companies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.companies = companies;
    }

    /** The provider as an addressee (not found: {@link org.takedown.shared.errors.NotFoundException}). */
    Addressee get(long companyId) {
        HostingCompany company = companies.get(companyId);
        record Row(String kind, String address) {}
        Row row = jdbc.sql("SELECT service_kind, service_address FROM enforcement_addressee WHERE company_id = ?")
                .param(companyId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .optional()
                .orElse(null);
        return new Addressee(
                companyId,
                company.name(),
                row == null ? Addressee.ServiceKind.HOSTING : Addressee.ServiceKind.valueOf(row.kind()),
                row == null ? company.abuseEmail() : row.address(),
                company.abuseEmail(),
                company.annualTurnoverEur(),
                row != null);
    }

    Addressee register(long companyId, Addressee.ServiceKind kind, @Nullable String serviceAddress) {
        companies.get(companyId);
        String address = Required.text(serviceAddress, "enforcement.refused.addressee.address");
        jdbc.sql("""
                        INSERT INTO enforcement_addressee (company_id, service_kind, service_address, updated_by,
                                                           updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (company_id) DO UPDATE SET service_kind = EXCLUDED.service_kind,
                            service_address = EXCLUDED.service_address, updated_by = EXCLUDED.updated_by,
                            updated_at = EXCLUDED.updated_at""")
                .params(companyId, kind.name(), address, Actors.current(), Timestamp.from(clock.instant()))
                .update();
        audit.record(
                "enforcement.addressee-registered",
                "company:" + companyId,
                Map.of("kind", kind.name(), "serviceAddress", address));
        return get(companyId);
    }
}
