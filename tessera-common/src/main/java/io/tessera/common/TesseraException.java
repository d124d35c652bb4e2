package io.tessera.common;

import java.util.Objects;

/**
 * An expected error: bad input, a refused operation, a missing object. It carries an
 * {@link ErrorCode} that decides how a client sees it (its category, MySQL code and SQLSTATE).
 * Invariant breaks are {@link IllegalStateException}s instead, and anything else is a fault,
 * which the protocol layer logs and answers with {@link ErrorCode#INTERNAL_ERROR}.
 *
 * <p>Threading: immutable.
 */
public class TesseraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TesseraException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message is null"));
        this.code = Objects.requireNonNull(code, "code is null");
    }

    /** An error with a cause that the log shows and the client never sees. */
    public TesseraException(ErrorCode code, String message, Throwable cause) {
        this(code, message);
        initCause(cause);
    }

    /** The usual case: a bad statement, sent as Doris's catch-all code 1105 with the given detail message. */
    public TesseraException(String message) {
        this(ErrorCode.BAD_STATEMENT, message);
    }

    public ErrorCode code() {
        return code;
    }

    /** The message exactly as a MySQL client prints it after {@code ERROR nnnn (sssss): }. */
    public String clientMessage() {
        return code.render(getMessage());
    }
}
