package io.tessera.fe.sql.ast;

/**
 * {@code SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL ... | READ ONLY | READ WRITE}: accepted
 * and ignored, as Doris does (a load transaction has one isolation: its rows appear at COMMIT).
 *
 * @param scope null when no scope was written
 */
public record SetTransactionStatement(VariableScope scope) implements Statement {
}
