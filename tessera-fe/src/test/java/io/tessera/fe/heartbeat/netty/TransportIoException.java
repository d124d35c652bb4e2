package io.tessera.fe.heartbeat.netty;

import java.io.IOException;

/**
 * Stands in for gRPC's shaded Netty socket exceptions (such as {@code Errors$NativeIoException},
 * which needs Netty's native library to construct): an {@link IOException} subclass from a Netty
 * package.
 */
public final class TransportIoException extends IOException {
    private static final long serialVersionUID = 1L;

    public TransportIoException(String message) {
        super(message);
    }
}
