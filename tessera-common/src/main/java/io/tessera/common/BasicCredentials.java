package io.tessera.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The user and password of an HTTP {@code Authorization: Basic ...} header, as {@code curl -u user:pw}
 * sends them. Immutable.
 *
 * @param user     the user name (before the first colon)
 * @param password the password (after it; empty for {@code -u root:})
 */
public record BasicCredentials(String user, String password) {
    /** The credentials in the header, or empty when it is missing or not well-formed Basic auth. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 6 || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.of(new BasicCredentials(decoded, ""));
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
}
