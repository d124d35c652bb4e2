package io.tessera.fe.sql.ast;

/**
 * {@code SET PASSWORD [FOR 'u'@'h'] = PASSWORD('pw') | '*<hash>'}.
 *
 * @param user null for the session's own account (SET PASSWORD without FOR)
 */
public record SetPasswordStatement(UserSpec user, PasswordSpec password) implements Statement {
}
