package io.tessera.fe.sql.ast;

/**
 * {@code [ADMIN] SHOW FRONTEND CONFIG [LIKE 'pattern']}.
 *
 * @param likePattern the LIKE literal's content, or null for every key
 */
public record ShowFrontendConfigStatement(String likePattern) implements Statement {
}
