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

    private static void assertError(String input, String message) {
        assertThatThrownBy(() -> BackendIdentifierParser.parse(input))
                .isInstanceOf(TesseraException.class)
                .hasMessage(message);
    }
}
