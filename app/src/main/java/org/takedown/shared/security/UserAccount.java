package org.takedown.shared.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person who signs in.
 *
 * @param hostingCompanyId for a HOSTER, the one hosting company they act for; null for every other role
 * @param demo created by the demo (its password is reset at every demo start)
 * @param sessionGeneration raised whenever the account's sessions must end (disabled, new password)
 */
public record UserAccount(
        long id,
        String username,
        Role role,
        @Nullable Long hostingCompanyId,
        boolean enabled,
        boolean demo,
        Instant createdAt,
        int sessionGeneration) {}
