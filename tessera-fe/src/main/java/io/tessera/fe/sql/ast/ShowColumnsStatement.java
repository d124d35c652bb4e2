package io.tessera.fe.sql.ast;

/**
 * {@code SHOW [FULL] {COLUMNS | FIELDS} {FROM | IN} t [{FROM | IN} db] [LIKE 'pattern' | WHERE condition]}.
 *
 * @param table       the table; a database after the second FROM is folded into it
 * @param full        FULL: also Collation, Privileges and Comment
 * @param likePattern null when absent
 * @param where       WHERE over the answer's columns; null when absent
 */
public record ShowColumnsStatement(TableName table, boolean full, String likePattern, Expression where)
        implements Statement {
    public ShowColumnsStatement(TableName table, boolean full, String likePattern) {
        this(table, full, likePattern, null);
    }
}
