package io.tessera.common;

import java.net.BindException;
import java.net.InetAddress;

/**
 * The one message for a listening port another process holds ({@code port <p> on <addr> is in use by
 * another process}), so every listener of every node says it the same way. Stateless.
 */
public final class PortInUse {
    private PortInUse() {
    }

    /**
     * True when {@code error} or one of its causes is a failed bind: a {@link BindException}, or the
     * native transports' own exception for EADDRINUSE (Netty's epoll reports
     * {@code bind(..) failed with error(-98): Address already in use}, not a BindException).
     */
    public static boolean isCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    public static IllegalStateException error(int port, InetAddress address, Throwable cause) {
        return new IllegalStateException("port " + port + " on " + address.getHostAddress()
                + " is in use by another process", cause);
    }
}
