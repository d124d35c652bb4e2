package io.tessera.fe.sql.ast;

/**
 * {@code SET NAMES charset [COLLATE collation]}, {@code SET NAMES DEFAULT},
 * {@code SET CHARACTER SET charset}, {@code SET CHARSET charset}.
 *
 * @param charset   the character set name as written (quotes removed), or null for DEFAULT
 * @param collation the collation, or null when not given
 */
public record SetNames(String charset, String collation) implements SetItem {
}
