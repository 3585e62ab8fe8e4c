package org.takedown.enforcement.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;
import org.takedown.enforcement.SanctionRegister;
import org.takedown.monitoring.MonitorReport;
import org.takedown.monitoring.PublishedSanctions;

/** Gives the monitor's yearly report the decisions of the public register. */
@Component
class RegisterForMonitor implements PublishedSanctions {

    private final SanctionRegister register;

    RegisterForMonitor(SanctionRegister register) {
        this.register = register;
    }

    @Override
    public List<MonitorReport.Sanction> published(LocalDate from, LocalDate to) {
        return register.published().stream()
                .map(p -> new MonitorReport.Sanction(
                        p.decisionId(),
                        p.company(),
                        LocalDate.ofInstant(p.signedAt(), ZoneOffset.UTC),
                        p.kind().name(),
                        p.amount(),
                        p.objectionStatus().name(),
                        p.withdrawnAt() != null))
                .filter(s -> !s.date().isBefore(from) && !s.date().isAfter(to))
                .toList();
    }
}
