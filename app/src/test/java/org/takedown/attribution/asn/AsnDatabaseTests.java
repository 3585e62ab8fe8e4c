package org.takedown.attribution.asn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals: parsed without look-ups, printed in canonical form (RFC 5952 for IPv6). */
class AsnDatabaseTests {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:DB8:1::9, 2001:db8:1::9"
    })
    void printsCanonicalForms(String literal, String canonical) {
        assertThat(AsnDatabase.text(AsnDatabase.address(literal))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "1.2.3", "", "1.2.3.4.5", "192.0.2.1/24"})
    void refusesWhatIsNotALiteral(String text) {
        assertThatThrownBy(() -> AsnDatabase.address(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
