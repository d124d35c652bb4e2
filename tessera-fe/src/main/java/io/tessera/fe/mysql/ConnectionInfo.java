package io.tessera.fe.mysql;

import java.util.Objects;

/**
 * Who is on the other end of a MySQL connection, as learned from the socket and the handshake.
 *
 * @param connectionId the id sent in the handshake (also {@code CONNECTION_ID()})
 * @param user         the user name the client logged in with
 * @param remoteHost   the client's IP address, as used in {@code 'user'@'host'}
 * @param remotePort   the client's TCP port, 0 when there is no socket (in-JVM sessions)
 * @param database     the database named in the handshake, or null
 * @param disconnect   closes the connection's socket; safe to call from any thread (KILL CONNECTION)
 */
public record ConnectionInfo(int connectionId, String user, String remoteHost, int remotePort, String database,
                             Runnable disconnect) {
    public ConnectionInfo {
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(remoteHost, "remoteHost is null");
        Objects.requireNonNull(disconnect, "disconnect is null");
    }

    /** A connection whose socket nothing else closes. */
    public ConnectionInfo(int connectionId, String user, String remoteHost, int remotePort, String database) {
        this(connectionId, user, remoteHost, remotePort, database, () -> { });
    }

    /** A connection without a socket (in-JVM callers): no port. */
    public ConnectionInfo(int connectionId, String user, String remoteHost, String database) {
        this(connectionId, user, remoteHost, 0, database);
    }

    /** {@code ip:port}, as Doris's audit log names a client; the ip alone without a port. */
    public String client() {
        return remotePort > 0 ? remoteHost + ":" + remotePort : remoteHost;
    }
}
