package io.tessera.fe.sql.ast;

/**
 * {@code SHOW {FUNCTION | PROCEDURE} STATUS [LIKE 'pattern' | WHERE condition]} (Connector/J's
 * {@code getProcedures} sends {@code WHERE Db LIKE ... AND Name LIKE ...}).
 *
 * @param procedure   true for PROCEDURE, false for FUNCTION
 * @param likePattern null when absent
 * @param where       WHERE over the answer's columns; null when absent
 */
public record ShowRoutineStatusStatement(boolean procedure, String likePattern, Expression where)
        implements Statement {
    public ShowRoutineStatusStatement(boolean procedure, String likePattern) {
        this(procedure, likePattern, null);
    }
}
