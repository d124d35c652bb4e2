package io.tessera.fe.cluster;

import io.tessera.common.LogValues;
import io.tessera.common.TesseraException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks the host part of a backend's {@code host:port} before it reaches the registry or the
 * journal: a dotted-decimal IPv4 literal must have four parts in 0..255; a bracketed IPv6 literal
 * must parse as one; anything else must be an RFC 1123 host name (at most 253 characters, labels
 * of 1..63 letters, digits and hyphens that neither start nor end with a hyphen). This refuses
 * {@code 256.1.1.1}, {@code ../../etc} and 100 KB names, which Doris would hand to DNS.
 *
 * <p>No name is resolved: a backend may be added before its host is in DNS. Stateless and
 * thread-safe.
 */
public final class HostNames {
    /** RFC 1123 / RFC 1035 bound on a whole name. */
    public static final int MAX_HOST_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {
    }

    /**
     * Throws {@code invalid host port: <entry>} (Doris's text for a malformed entry, with the
     * entry echoed up to a bound) when {@code host} is not a valid host; {@code entry} is the
     * whole {@code host:port} text for the message.
     */
    public static void check(String host, boolean bracketed, String entry) {
        boolean valid = bracketed ? isIpv6Literal(host) : isIpv4Literal(host) || isHostName(host);
        if (!valid) {
            throw new TesseraException("invalid host port: " + LogValues.bounded(entry, BackendIdentifierParser.MAX_ENTRY_CHARS));
        }
    }

    static boolean isIpv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(HostNames::isDigit)) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > MAX_HOST_NAME_LENGTH) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH
                    || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
                    return false;
                }
            }
            allNumeric &= label.chars().allMatch(HostNames::isDigit);
        }
        // All-digit names such as 1.2.3 or 1.2.3.4.5 are malformed addresses, not names.
        return !allNumeric;
    }

    static boolean isIpv6Literal(String host) {
        if (host.isEmpty() || host.length() > 45 || !host.contains(":")
                || !host.chars().allMatch(c -> isDigit(c) || "abcdefABCDEF:.".indexOf(c) >= 0)) {
            return false;
        }
        try {
            // A text with a colon is parsed as a literal, never looked up in DNS.
            return InetAddress.getByName(host) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
