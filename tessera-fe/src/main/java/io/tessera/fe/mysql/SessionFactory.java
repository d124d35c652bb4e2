package io.tessera.fe.mysql;

/** Opens the SQL side of a connection once its login has been accepted. */
public interface SessionFactory {
    /**
     * Opens a session. Throws a {@link io.tessera.common.TesseraException} (sent to the client
     * as an error packet, after which the connection closes) when, say, the handshake's database
     * does not exist.
     */
    SessionHandler open(ConnectionInfo connection);
}
