package org.takedown.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords are hashed with Argon2id at OWASP's minimum parameters or above. */
class PasswordHashingTests {

    @Test
    void argon2idUsesAtLeastNineteenMebibytesAndTwoIterations() {
        String hash = SecurityConfiguration.argon2id().encode("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$").contains("m=19456,t=2,p=1");
        assertThat(SecurityConfiguration.argon2id().matches("correct horse battery staple", hash))
                .isTrue();
    }
}
