package io.tessera.fe.sql.ast;

/** {@code COMMIT [WORK]}: makes the session's open load transaction visible; OK when none is open. */
public record CommitStatement() implements Statement {
}
