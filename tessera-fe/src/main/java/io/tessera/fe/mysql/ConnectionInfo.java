package io.tessera.fe.mysql;

import java.util.Objects;

/**
 * Who is on the other end of a MySQL connection, as learned from the socket and the handshake.
 *
 * @param connectionId the id sent in the handshake (also {@code CONNECTION_ID()})
 * @param user         the user name the client logged in with
 * @param remoteHost   the client's IP address, as used in {@code 'user'@'host'}
 * @param database     the database named in the handshake, or null
 */
public record ConnectionInfo(int connectionId, String user, String remoteHost, String database) {
    public ConnectionInfo {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(remoteHost, "remoteHost is null");
    }
}
