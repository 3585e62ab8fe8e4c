package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyType;
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

    /** README's picture of the modules is the one the code has. */
    @Test
    void readmeShowsTheModulePicture() throws java.io.IOException {
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("../README.md")))
                .as("README's module picture; replace it with the one in this message")
                .contains(picture());
    }

    /**
     * The modules as a Mermaid flowchart, an arrow from each module to those that depend on it (the way data flows),
     * marked "events" when they only listen to its events. {@code shared}, which every module uses, is left out.
     */
    static String picture() {
        java.util.SortedSet<String> edges = new java.util.TreeSet<>();
        for (ApplicationModule module : MODULES) {
            String name = module.getIdentifier().toString();
            java.util.Map<String, java.util.Set<DependencyType>> kinds = new java.util.TreeMap<>();
            module.getDirectDependencies(MODULES).stream()
                    .forEach(d -> kinds.computeIfAbsent(
                                    d.getTargetModule().getIdentifier().toString(),
                                    t -> java.util.EnumSet.noneOf(DependencyType.class))
                            .add(d.getDependencyType()));
            kinds.forEach((target, types) -> {
                if (!target.equals("shared") && !target.equals(name)) {
                    boolean onlyEvents = types.equals(java.util.EnumSet.of(DependencyType.EVENT_LISTENER));
                    edges.add("    " + target + (onlyEvents ? " -. events .-> " : " --> ") + name);
                }
            });
        }
        return "```mermaid\nflowchart LR\n" + String.join("\n", edges) + "\n```\n";
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
