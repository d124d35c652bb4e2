package io.tessera.fe.sql.ast;

/** {@code SHOW [FULL] PROCESSLIST}: FULL only lifts the 100-character cut of Info. */
public record ShowProcesslistStatement(boolean full) implements Statement {
}
