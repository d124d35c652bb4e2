package io.tessera.fe.sql.ast;

/**
 * {@code SHOW [FULL] TABLES [FROM|IN db] [LIKE 'pattern' | WHERE condition]}.
 *
 * @param database    null for the current database
 * @param likePattern null when absent
 * @param where       over the columns {@code Tables_in_db} and {@code Table_type}; null when absent
 */
public record ShowTablesStatement(boolean full, String database, String likePattern, Expression where)
        implements Statement {
    public ShowTablesStatement(boolean full, String database, String likePattern) {
        this(full, database, likePattern, null);
    }
}
