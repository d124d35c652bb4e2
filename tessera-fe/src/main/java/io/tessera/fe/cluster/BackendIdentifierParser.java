package io.tessera.fe.cluster;

import io.tessera.common.TesseraException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the string literals of {@code ALTER SYSTEM ... BACKEND "..."} into identifiers, with
 * Doris's rules and messages where Doris is deliberate, and clear messages where Doris leaks a
 * Java exception (see docs/compatibility.md):
 *
 * <ul>
 *   <li>no colon: a backend id; white space around it is ignored; anything but digits is
 *       {@code Invalid backend id: '<text>'};</li>
 *   <li>with a colon: all white space is removed, then {@code [v6addr]:port} or {@code host:port};
 *       anything else is {@code invalid host port: <text>}; an empty host is {@code Host is null};
 *       a port that is not a number is {@code Invalid port: '<text>'}; a port outside 1..65535 is
 *       {@code Port is out of range: <port>}.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class BackendIdentifierParser {
    private BackendIdentifierParser() {
    }

    /** Parses every entry; the first bad one throws, so a list is accepted whole or not at all. */
    public static List<BackendIdentifier> parseAll(List<String> texts) {
        List<BackendIdentifier> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(parse(text));
        }
        return result;
    }

    public static BackendIdentifier parse(String text) {
        if (text.indexOf(':') < 0) {
            return new BackendIdentifier.ById(parseId(text));
        }
        return new BackendIdentifier.ByHostPort(parseHostPort(text));
    }

    private static long parseId(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TesseraException("Invalid backend id: '" + text + "'");
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new TesseraException("Invalid backend id: '" + text + "'");
        }
    }

    private static HostPort parseHostPort(String text) {
        String compact = text.replaceAll("\\s+", "");
        String host;
        String port;
        if (compact.startsWith("[")) {
            int close = compact.indexOf("]:");
            if (close < 0 || compact.indexOf("]:", close + 1) >= 0) {
                throw new TesseraException("invalid host port: " + compact);
            }
            host = compact.substring(1, close);
            port = compact.substring(close + 2);
        } else {
            int colon = compact.indexOf(':');
            if (colon != compact.lastIndexOf(':')) {
                throw new TesseraException("invalid host port: " + compact);
            }
            host = compact.substring(0, colon);
            port = compact.substring(colon + 1);
        }
        if (port.isEmpty()) {
            throw new TesseraException("invalid host port: " + compact);
        }
        if (host.isEmpty()) {
            throw new TesseraException("Host is null");
        }
        return new HostPort(host, parsePort(port));
    }

    private static int parsePort(String text) {
        if (!text.matches("[+-]?[0-9]+")) {
            throw new TesseraException("Invalid port: '" + text + "'");
        }
        long port;
        try {
            port = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TesseraException("Port is out of range: " + text);
        }
        if (port <= 0 || port >= 65536) {
            throw new TesseraException("Port is out of range: " + port);
        }
        return (int) port;
    }
}
