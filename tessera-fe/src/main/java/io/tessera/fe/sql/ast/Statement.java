package io.tessera.fe.sql.ast;

/** A parsed SQL statement: an immutable value produced by the parser, consumed by executors. */
public interface Statement {
}
