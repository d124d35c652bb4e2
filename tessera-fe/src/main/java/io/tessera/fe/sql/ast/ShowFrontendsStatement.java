package io.tessera.fe.sql.ast;

/**
 * {@code SHOW FRONTENDS [word]}.
 *
 * @param extra the word after FRONTENDS as written (Doris knows only {@code DISKS}); null when absent
 */
public record ShowFrontendsStatement(String extra) implements Statement {
}
