package io.tessera.fe.sql.ast;

/** {@code ROLLBACK [WORK]}: aborts the session's open load transaction; OK when none is open. */
public record RollbackStatement() implements Statement {
}
