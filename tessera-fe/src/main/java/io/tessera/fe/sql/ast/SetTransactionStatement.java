package io.tessera.fe.sql.ast;

/**
 * {@code SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL ... | READ ONLY | READ WRITE}. A load
 * transaction has one isolation whatever is set (its rows appear at COMMIT), as in Doris; the
 * SESSION form is kept in the session's variables so that drivers read back what they set.
 *
 * @param scope          null when no scope was written (the next transaction only, in MySQL)
 * @param isolationLevel the level as MySQL's variables spell it ({@code READ-COMMITTED}), or null
 * @param readOnly       true for READ ONLY, false for READ WRITE, null when not written
 */
public record SetTransactionStatement(VariableScope scope, String isolationLevel, Boolean readOnly)
        implements Statement {
}
