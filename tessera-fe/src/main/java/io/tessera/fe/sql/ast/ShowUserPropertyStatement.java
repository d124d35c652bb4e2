package io.tessera.fe.sql.ast;

/**
 * {@code SHOW PROPERTY [FOR 'user'] [LIKE 'pattern']}.
 *
 * @param user    the user name; null for the session's own
 * @param pattern the LIKE pattern on the property key; null for all
 */
public record ShowUserPropertyStatement(String user, String pattern) implements Statement {
}
