package io.tessera.fe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendIdentifierParserTest {
    @Test
    void parsesHostPortAndIds() {
        assertThat(BackendIdentifierParser.parse("127.0.0.1:9050"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("127.0.0.1", 9050)));
        assertThat(BackendIdentifierParser.parse("10002")).isEqualTo(new BackendIdentifier.ById(10002));
        assertThat(BackendIdentifierParser.parse(" 10002 ")).isEqualTo(new BackendIdentifier.ById(10002));
    }

    @Test
    void removesWhiteSpaceInsideHostPort() {
        assertThat(BackendIdentifierParser.parse("  h : 9050 "))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("h", 9050)));
    }

    @Test
    void parsesBracketedIpv6() {
        BackendIdentifier parsed = BackendIdentifierParser.parse("[fe80::1]:9050");
        assertThat(parsed).isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("fe80::1", 9050)));
        assertThat(parsed.toString()).isEqualTo("[fe80::1]:9050");
    }

    @Test
    void refusesMalformedEntriesWithDorisMessages() {
        assertError("h:", "invalid host port: h:");
        assertError("a:b:c", "invalid host port: a:b:c");
        assertError("fe80::1:9050", "invalid host port: fe80::1:9050");
        assertError(":9050", "Host is null");
        assertError("h:0", "Port is out of range: 0");
        assertError("h:70000", "Port is out of range: 70000");
        assertError("h:89050", "Port is out of range: 89050");
        assertError("h:-1", "Port is out of range: -1");
    }

    @Test
    void refusesNonNumbersWithClearMessages() {
        assertError("h:abc", "Invalid port: 'abc'");
        assertError("abc", "Invalid backend id: 'abc'");
        assertError("", "Invalid backend id: ''");
        assertError("99999999999999999999", "Invalid backend id: '99999999999999999999'");
    }

    @Test
    void aListFailsWhole() {
        assertThatThrownBy(() -> BackendIdentifierParser.parseAll(List.of("10001", "x")))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Invalid backend id: 'x'");
    }

    @Test
    void refusesHostileHosts() {
        assertError("256.1.1.1:9050", "invalid host port: 256.1.1.1:9050");
        assertError("1.2.3:9050", "invalid host port: 1.2.3:9050");
        assertError("1.2.3.4.5:9050", "invalid host port: 1.2.3.4.5:9050");
        assertError("../../etc:9050", "invalid host port: ../../etc:9050");
        assertError("-bad.example:9050", "invalid host port: -bad.example:9050");
        assertError("a..b:9050", "invalid host port: a..b:9050");
        assertError("a_b:9050", "invalid host port: a_b:9050");
        assertError("[fe80::zz]:9050", "invalid host port: [fe80::zz]:9050");
        assertError("[example.com]:9050", "invalid host port: [example.com]:9050");
        assertError("h:+9050", "Invalid port: '+9050'");
    }

    @Test
    void refusesHugeNamesWithABoundedMessage() {
        String huge = "a".repeat(100_000) + ":9050";
        assertThatThrownBy(() -> BackendIdentifierParser.parse(huge))
                .isInstanceOf(TesseraException.class)
                .hasMessageStartingWith("invalid host port: aaaa")
                .hasMessageContaining("more chars)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
        String label64 = "a".repeat(64) + ".example:9050";
        assertError(label64, "invalid host port: " + label64);
        String name254 = ("a".repeat(62) + ".").repeat(4) + "ab:9050";
        assertError(name254, "invalid host port: " + name254);
    }

    @Test
    void acceptsRealHosts() {
        assertThat(BackendIdentifierParser.parse("255.255.255.255:1"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("255.255.255.255", 1)));
        assertThat(BackendIdentifierParser.parse("be-1.Example.com:65535"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("be-1.Example.com", 65535)));
        assertThat(BackendIdentifierParser.parse("[::ffff:10.0.0.1]:9050"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("::ffff:10.0.0.1", 9050)));
        assertThat(BackendIdentifierParser.parse("localhost:9050"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort("localhost", 9050)));
        String label63 = "a".repeat(63) + ".b";
        assertThat(BackendIdentifierParser.parse(label63 + ":9050"))
                .isEqualTo(new BackendIdentifier.ByHostPort(new HostPort(label63, 9050)));
    }

    @Test
    void boundsTheList() {
        List<String> limit = java.util.Collections.nCopies(BackendIdentifierParser.MAX_ENTRIES, "10001");
        assertThat(BackendIdentifierParser.parseAll(limit)).hasSize(BackendIdentifierParser.MAX_ENTRIES);
        List<String> tooMany = java.util.Collections.nCopies(BackendIdentifierParser.MAX_ENTRIES + 1, "10001");
        assertThatThrownBy(() -> BackendIdentifierParser.parseAll(tooMany))
                .isInstanceOf(TesseraException.class)
                .hasMessage("Too many backends in one statement: 1001, at most 1000");
    }

    private static void assertError(String input, String message) {
        assertThatThrownBy(() -> BackendIdentifierParser.parse(input))
                .isInstanceOf(TesseraException.class)
                .hasMessage(message);
    }
}
