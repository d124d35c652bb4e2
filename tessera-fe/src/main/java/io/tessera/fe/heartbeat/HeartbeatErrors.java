package io.tessera.fe.heartbeat;

import io.grpc.Status;
import java.util.regex.Pattern;

/**
 * Turns a failed call into the ErrMsg SHOW BACKENDS shows. Like Doris, it is the exception's text
 * with its class name, taken from the root cause so that a refused connection reads
 * {@code java.net.ConnectException: Connection refused} and not gRPC's wrapper; a call without any
 * cause (a deadline, say) shows the {@code StatusRuntimeException} itself.
 * A backend that refuses this FE's credentials (bound to another cluster, or another token) answers
 * {@code UNAUTHENTICATED} with Doris's refusal text, which is shown as it is. Netty's native
 * transport prefixes socket errors with the system call ({@code finishConnect(..) failed with
 * error(-111): }) and uses its own exception classes; the prefix is dropped and the nearest JDK
 * class named, so the text reads as the JDK's, whichever transport ran.
 *
 * <p>Threading: stateless.
 */
final class HeartbeatErrors {
    private static final Pattern NATIVE_SOCKET_PREFIX = Pattern.compile("^\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: ");

    private HeartbeatErrors() {
    }

    static String describe(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.UNAUTHENTICATED && status.getDescription() != null) {
            // The backend refused our credentials: its description is Doris's refusal text
            // ("(<host>)[INTERNAL_ERROR]invalid cluster id. ignore."), which carries no secret.
            return status.getDescription();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return LivenessTransitions.UNKNOWN_ERROR;
        }
        return jdkClassName(root) + ": " + NATIVE_SOCKET_PREFIX.matcher(message).replaceFirst("");
    }

    /**
     * For Netty's exceptions, the nearest non-Netty class: gRPC's shaded Netty throws its own subclasses
     * ({@code ...Errors$NativeIoException} for a reset connection), which read as noise to an
     * operator; their JDK parent ({@code java.io.IOException}) says the same thing plainly.
     */
    private static String jdkClassName(Throwable error) {
        Class<?> type = error.getClass();
        while (type.getName().contains(".netty.") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getName();
    }
}
