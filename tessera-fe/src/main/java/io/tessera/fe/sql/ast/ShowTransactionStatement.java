package io.tessera.fe.sql.ast;

/**
 * {@code SHOW TRANSACTION [FROM | IN db] [WHERE ...]}.
 *
 * @param database the database as written; null for the current one
 * @param where    the filter as written (Doris takes {@code id = n}, {@code label = 's'},
 *                 {@code label LIKE 'p'} or {@code status = 's'}; the executor checks); null when absent
 */
public record ShowTransactionStatement(String database, Expression where) implements Statement {
}
