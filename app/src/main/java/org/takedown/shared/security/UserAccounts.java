package org.takedown.shared.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;

/**
 * The accounts of people who sign in: create, disable, enable, reset password. Every change is audited. Passwords
 * are stored only as Argon2id hashes. Thread-safe.
 */
@Service
public class UserAccounts {

    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an account. A HOSTER must name its hosting company; no other role may.
     *
     * @param password the password, or null to generate one
     * @return the account and its password (to show once)
     */
    @Transactional
    public NewAccount create(String username, Role role, @Nullable Long hostingCompanyId, @Nullable String password) {
        String name = normaliseUsername(username);
        if (role == Role.HOSTER && hostingCompanyId == null) {
            throw InvalidRequestException.because("account.refused.hoster");
        }
        if (role != Role.HOSTER && hostingCompanyId != null) {
            throw InvalidRequestException.because("account.refused.bound", role.name());
        }
        String secret = password != null ? checkPassword(password) : Secrets.random(20);
        try {
            jdbc.sql("""
                            INSERT INTO app_user (username, password_hash, role, hosting_company_id, created_at)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            name,
                            passwords.encode(secret),
                            role.name(),
                            hostingCompanyId,
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw InvalidRequestException.because("account.refused.exists", name);
        }
        audit.record(
                "user.created",
                "user:" + name,
                hostingCompanyId == null
                        ? Map.of("role", role.name())
                        : Map.of("role", role.name(), "hostingCompanyId", hostingCompanyId));
        return new NewAccount(require(name), secret);
    }

    /** Creates or refreshes a demo account with a new random password; returns it with that password. */
    @Transactional
    public NewAccount resetDemoAccount(String username, Role role, @Nullable Long hostingCompanyId) {
        String secret = Secrets.random(16);
        int updated = jdbc.sql("UPDATE app_user SET password_hash = ?, enabled = TRUE,"
                        + " session_generation = session_generation + 1 WHERE username = ? AND demo")
                .params(passwords.encode(secret), username)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO app_user (username, password_hash, role, hosting_company_id, demo, created_at)
                            VALUES (?, ?, ?, ?, TRUE, ?)""")
                    .params(
                            username,
                            passwords.encode(secret),
                            role.name(),
                            hostingCompanyId,
                            Timestamp.from(clock.instant()))
                    .update();
        }
        audit.record(updated == 0 ? "user.created" : "user.password-reset", "user:" + username, Map.of("demo", true));
        return new NewAccount(require(username), secret);
    }

    /** Sets a new password (generated when null) and ends the account's sessions; returns it to show once. */
    @Transactional
    public String resetPassword(String username, @Nullable String password) {
        UserAccount account = require(username);
        String secret = password != null ? checkPassword(password) : Secrets.random(20);
        jdbc.sql("UPDATE app_user SET password_hash = ?, session_generation = session_generation + 1 WHERE id = ?")
                .params(passwords.encode(secret), account.id())
                .update();
        audit.record("user.password-reset", "user:" + account.username(), Map.of());
        return secret;
    }

    /**
     * Disables or enables an account. A disabled account cannot sign in, and its sessions end on every instance
     * within {@link SessionCheck#RECHECK} (at their next request).
     */
    @Transactional
    public UserAccount setEnabled(String username, boolean enabled) {
        UserAccount account = require(username);
        jdbc.sql("UPDATE app_user SET enabled = ?, session_generation = session_generation + CASE WHEN ? THEN 0 ELSE 1"
                        + " END WHERE id = ?")
                .params(enabled, enabled, account.id())
                .update();
        audit.record(enabled ? "user.enabled" : "user.disabled", "user:" + account.username(), Map.of());
        return require(username);
    }

    /** All accounts by name. */
    public List<UserAccount> list() {
        return jdbc.sql(SELECT + " ORDER BY username").query(UserAccounts::map).list();
    }

    /** The account named {@code username}, if any. */
    public Optional<UserAccount> find(String username) {
        return jdbc.sql(SELECT + " WHERE username = ?")
                .param(username.strip().toLowerCase(java.util.Locale.ROOT))
                .query(UserAccounts::map)
                .optional();
    }

    /** The language the person chose for the pages ({@code nl}, {@code en}), if any. */
    public Optional<String> language(String username) {
        return jdbc.sql("SELECT language FROM app_user WHERE username = ? AND language IS NOT NULL")
                .param(username.strip().toLowerCase(java.util.Locale.ROOT))
                .query(String.class)
                .optional();
    }

    /** Keeps the language the person chose, so that it follows them to every device; not audited (a preference). */
    public void setLanguage(String username, String language) {
        jdbc.sql("UPDATE app_user SET language = ? WHERE username = ?")
                .params(language, username.strip().toLowerCase(java.util.Locale.ROOT))
                .update();
    }

    /** The stored password hash, for sign-in only. */
    Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?")
                .param(username)
                .query(String.class)
                .optional();
    }

    private UserAccount require(String username) {
        return find(username).orElseThrow(() -> new NotFoundException("no account named '" + username + "'"));
    }

    private static String normaliseUsername(String username) {
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw InvalidRequestException.because("account.refused.username");
        }
        return name;
    }

    private static String checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw InvalidRequestException.because("account.refused.password", MIN_PASSWORD_LENGTH);
        }
        return password;
    }

    private static final String SELECT =
            "SELECT id, username, role, hosting_company_id, enabled, demo, created_at, session_generation FROM app_user";

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        long company = rs.getLong("hosting_company_id");
        Long companyId = rs.wasNull() ? null : company;
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                Role.valueOf(rs.getString("role")),
                companyId,
                rs.getBoolean("enabled"),
                rs.getBoolean("demo"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getInt("session_generation"));
    }

    /** A created account with its password, which is shown once and not stored. */
    public record NewAccount(UserAccount account, String password) {}
}
