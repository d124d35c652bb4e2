package io.tessera.fe.sql.ast;

/**
 * {@code SHOW {INDEX | INDEXES | KEYS} {FROM | IN} t [{FROM | IN} db]}.
 *
 * @param table the table; a database after the second FROM is folded into it
 */
public record ShowIndexStatement(TableName table) implements Statement {
}
