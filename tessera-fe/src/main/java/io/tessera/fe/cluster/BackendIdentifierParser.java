package io.tessera.fe.cluster;

import io.tessera.common.LogValues;
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
 *       a port that is not a number (or carries a {@code +} sign) is {@code Invalid port: '<text>'};
 *       a port outside 1..65535 is {@code Port is out of range: <port>};</li>
 *   <li>the host must be an IPv4 literal in range, a bracketed IPv6 literal or an RFC 1123 host
 *       name ({@link HostNames}), else {@code invalid host port: <text>};</li>
 *   <li>an entry longer than {@link #MAX_ENTRY_CHARS} is refused before any parsing, and a list
 *       holds at most {@link #MAX_ENTRIES} entries; messages echo user text only up to a bound.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class BackendIdentifierParser {
    /** At most this many backends in one statement (Doris has no bound; a cluster has far fewer). */
    public static final int MAX_ENTRIES = 1000;
    /** A host name (253) and a port with some white space fit easily. */
    public static final int MAX_ENTRY_CHARS = 512;

    private BackendIdentifierParser() {
    }

    /** Parses every entry; the first bad one throws, so a list is accepted whole or not at all. */
    public static List<BackendIdentifier> parseAll(List<String> texts) {
        if (texts.size() > MAX_ENTRIES) {
            throw new TesseraException("Too many backends in one statement: " + texts.size()
                    + ", at most " + MAX_ENTRIES);
        }
        List<BackendIdentifier> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(parse(text));
        }
        return result;
    }

    public static BackendIdentifier parse(String text) {
        if (text.length() > MAX_ENTRY_CHARS) {
            throw new TesseraException("invalid host port: " + LogValues.bounded(text, 64));
        }
        if (text.indexOf(':') < 0) {
            return new BackendIdentifier.ById(parseId(text));
        }
        return new BackendIdentifier.ByHostPort(parseHostPort(text));
    }

    private static long parseId(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TesseraException("Invalid backend id: '" + LogValues.bounded(text, 64) + "'");
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
        boolean bracketed = compact.startsWith("[");
        if (bracketed) {
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
        int parsedPort = parsePort(port);
        HostNames.check(host, bracketed, compact);
        return new HostPort(host, parsedPort);
    }

    private static int parsePort(String text) {
        // Digits only: Doris's Integer.valueOf would take "+9050"; a "-" still reads as out of range.
        if (!text.matches("-?[0-9]+")) {
            throw new TesseraException("Invalid port: '" + LogValues.bounded(text, 64) + "'");
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
