package org.takedown.shared.time;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Proves that Takedown's code takes time only from the {@link Clock} bean: no class but the clock's own
 * configuration reads the system clock, so the simulation can run everything on simulated time.
 */
class TimeSourceTests {

    static final JavaClasses MAIN_CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.takedown");

    @Test
    void onlyTheClockConfigurationReadsTheSystemClock() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(ClockConfiguration.class.getName())
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callConstructor(java.util.Date.class)
                .because("all time comes from the one Clock bean (see CONVENTIONS.md)")
                .check(MAIN_CODE);
    }
}
