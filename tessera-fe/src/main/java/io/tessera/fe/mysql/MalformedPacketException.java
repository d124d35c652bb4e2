package io.tessera.fe.mysql;

/**
 * A client packet that does not follow the protocol: too short, a length past its end, a
 * missing terminator. The connection that sent it is closed (or, for a command, answered with
 * an error); nothing else is affected.
 */
final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedPacketException(String message) {
        super(message);
    }
}
