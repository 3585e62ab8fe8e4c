package org.takedown.shared.web;

import java.util.List;
import java.util.Set;
import org.takedown.shared.security.Role;

/**
 * One entry of the main menu: a module's part of the UI, the path it lives under and the roles that may use it.
 * The security rules are derived from the same list, so the menu never shows what a role may not open.
 *
 * @param roles who may open it; empty means the public
 */
public record Area(String id, String path, String label, String summary, Set<Role> roles) {

    /** The areas in the order of the chain. */
    public static final List<Area> ALL = List.of(
            new Area(
                    "intake",
                    "/intake",
                    "Triage",
                    "Reports of URLs and their assessment.",
                    Set.of(Role.ANALYST, Role.HOTLINE_SUPERVISOR)),
            new Area(
                    "attribution",
                    "/attribution",
                    "Attribution",
                    "Host, IP, network and hosting company of each URL.",
                    Set.of(Role.ANALYST, Role.HOTLINE_SUPERVISOR)),
            new Area(
                    "notices",
                    "/notices",
                    "Notices",
                    "Notice-and-takedown per hosting company.",
                    Set.of(Role.ANALYST, Role.HOTLINE_SUPERVISOR)),
            new Area(
                    "probing",
                    "/probing",
                    "Online checks",
                    "Checks of notified URLs until they are gone.",
                    Set.of(Role.ANALYST, Role.HOTLINE_SUPERVISOR)),
            new Area(
                    "matching",
                    "/matching",
                    "Hash lists",
                    "Lists of hashes of known material and the hash check service.",
                    Set.of(Role.ANALYST, Role.HOTLINE_SUPERVISOR, Role.ADMIN)),
            new Area("portal", "/portal", "Hoster portal", "Notices for your hosting company.", Set.of(Role.HOSTER)),
            new Area(
                    "enforcement",
                    "/enforcement",
                    "Enforcement",
                    "Cases, orders, penalty payments and fines.",
                    Set.of(Role.OFFICER, Role.AUTHORITY_SIGNATORY)),
            new Area(
                    "monitoring",
                    "/monitor",
                    "Monitor",
                    "Hosting monitor: how fast each hosting company removes material.",
                    Set.of()),
            new Area("sanctions", "/sanctions", "Sanctions", "Published sanction decisions.", Set.of()),
            new Area(
                    "simulation",
                    "/simulation",
                    "Simulation",
                    "Simulated hosting companies and clock.",
                    Set.of(Role.ADMIN)),
            new Area("admin", "/admin", "Administration", "Users, API keys and the audit log.", Set.of(Role.ADMIN)));

    /** True when anyone may open it without signing in. */
    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** The Spring Security authorities that may open it. */
    public String[] authorities() {
        return roles.stream().map(Role::authority).sorted().toArray(String[]::new);
    }
}
