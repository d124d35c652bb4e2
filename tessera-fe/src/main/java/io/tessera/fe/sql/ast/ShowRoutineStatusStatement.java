package io.tessera.fe.sql.ast;

/**
 * {@code SHOW {FUNCTION | PROCEDURE} STATUS [LIKE 'pattern']}.
 *
 * @param procedure   true for PROCEDURE, false for FUNCTION
 * @param likePattern null when absent
 */
public record ShowRoutineStatusStatement(boolean procedure, String likePattern) implements Statement {
}
