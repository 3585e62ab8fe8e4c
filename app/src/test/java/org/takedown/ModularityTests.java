package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the modules of the chain apart: dependencies only downstream and through APIs; writes the module docs. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TakedownApplication.class);

    @Test
    void modulesAreTheChain() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .containsExactlyInAnyOrder(
                        "intake",
                        "attribution",
                        "probing",
                        "triage",
                        "notices",
                        "matching",
                        "monitoring",
                        "enforcement",
                        "simulation",
                        "shared",
                        // the dependency-free PDQ library (pdq/ module of the build) is a module too: matching uses it
                        "pdq");
    }

    @Test
    void dependenciesFollowTheRules() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
