package org.takedown.shared.security;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * In demo mode: one account per role, each given a fresh random password at every start, printed once to the
 * console. The demo HOSTER acts for hosting company 1.
 */
@Component
@ConditionalOnBooleanProperty("takedown.demo.enabled")
class DemoAccounts implements ApplicationRunner {

    /** The hosting company the demo HOSTER account acts for. */
    static final long DEMO_HOSTING_COMPANY = 1;

    private final UserAccounts accounts;
    private final PrintStream console;

    @org.springframework.beans.factory.annotation.Autowired
    DemoAccounts(UserAccounts accounts) {
        this(accounts, System.out);
    }

    DemoAccounts(UserAccounts accounts, PrintStream console) {
        this.accounts = accounts;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> lines = new ArrayList<>();
        for (Role role : Role.values()) {
            String username = role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            Long company = role == Role.HOSTER ? DEMO_HOSTING_COMPANY : null;
            UserAccounts.NewAccount account = accounts.resetDemoAccount(username, role, company);
            lines.add(String.format("  %-19s %-19s %s", role, username, account.password()));
        }
        console.println();
        console.println("=== Takedown demo accounts (new passwords at every start) ===");
        console.println(String.format("  %-19s %-19s %s", "ROLE", "USERNAME", "PASSWORD"));
        lines.forEach(console::println);
        console.println("=".repeat(77));
        console.println();
    }
}
