package io.tessera.fe.auth;

import java.util.OptionalLong;

/**
 * Checks a {@code mysql_native_password} login. The protocol layer knows the scramble it sent
 * and the client's answer; the authenticator knows the users.
 */
public interface Authenticator {
    /**
     * Returns normally when the login is good; otherwise throws a
     * {@link io.tessera.common.TesseraException} with code
     * {@link io.tessera.common.ErrorCode#ACCESS_DENIED} and MySQL's text, e.g.
     * {@code Access denied for user 'op'@'127.0.0.1' (using password: YES)}.
     *
     * @param user         the user name from the handshake response
     * @param remoteHost   the client's IP address
     * @param scramble     the 20-byte scramble the server sent
     * @param authResponse the client's answer: empty for an empty password, else 20 bytes
     */
    void authenticate(String user, String remoteHost, byte[] scramble, byte[] authResponse);

    /**
     * The user's own limit of connections ({@code SET PROPERTY ... 'max_user_connections'}), asked
     * after a good login; empty when the user has none and the FE-wide default applies.
     */
    default OptionalLong maxUserConnections(String user) {
        return OptionalLong.empty();
    }
}
