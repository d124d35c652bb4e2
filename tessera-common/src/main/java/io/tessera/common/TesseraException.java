package io.tessera.common;

import java.util.Objects;

/**
 * An expected error: bad input, a refused operation, a missing object. It carries an
 * {@link ErrorCode} that decides how a client sees it. Invariant breaks are
 * {@link IllegalStateException}s instead, and anything else is a fault.
 */
public class TesseraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TesseraException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message is null"));
        this.code = Objects.requireNonNull(code, "code is null");
    }

    /** The usual case: Doris's catch-all code 1105 with the given detail message. */
    public TesseraException(String message) {
        this(ErrorCode.INTERNAL_ERROR, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The message exactly as a MySQL client prints it after {@code ERROR nnnn (sssss): }. */
    public String clientMessage() {
        return code.render(getMessage());
    }
}
