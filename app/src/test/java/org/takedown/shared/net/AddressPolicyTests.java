package org.takedown.shared.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's address rules, against the special-purpose registries' blocks (parsed literals, no look-ups). */
class AddressPolicyTests {

    final AddressPolicy strict = new AddressPolicy(false);

    static InetAddress ip(String literal) {
        return IpLiterals.parse(literal);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, loopback",
        "127.255.0.9, loopback",
        "::1, loopback",
        "0.0.0.0, unspecified",
        "::, unspecified",
        "10.1.2.3, private",
        "172.16.0.1, private",
        "172.31.255.255, private",
        "192.168.1.1, private",
        "fd00::1, private",
        "100.64.0.1, CGNAT",
        "100.127.255.254, CGNAT",
        "169.254.169.254, link-local",
        "fe80::1, link-local",
        "224.0.0.1, multicast",
        "ff02::1, multicast",
        "240.0.0.1, reserved",
        "255.255.255.255, broadcast",
        "192.0.0.8, reserved",
        "192.0.2.20, documentation",
        "198.51.100.7, documentation",
        "203.0.113.9, documentation",
        "2001:db8::7, documentation",
        "198.18.0.1, benchmarking",
        "::ffff:10.0.0.1, private",
        "::ffff:127.0.0.1, loopback",
        "::10.0.0.1, IPv4-compatible",
        "64:ff9b::a00:1, NAT64",
        "2002:a00:1::, 6to4",
        "2001::1, Teredo",
        "fec0::1, site-local",
        "4000::1, not global unicast"
    })
    void refusesEveryNonPublicAddress(String literal, String reason) {
        assertThat(strict.refusal(ip(literal))).as(literal).isNotNull().containsIgnoringCase(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "192.169.0.1",
                "198.20.0.1",
                "2a00:1450::1",
                "2606:4700::1111"
            })
    void allowsPublicUnicast(String literal) {
        assertThat(strict.refusal(ip(literal))).as(literal).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void allowsLoopbackOnlyWhenAskedTo(String literal) {
        assertThat(new AddressPolicy(true).refusal(ip(literal))).isNull();
        assertThat(new AddressPolicy(true).refusal(ip("10.0.0.1"))).isEqualTo("private");
    }
}
