package io.tessera.fe.sql.ast;

/**
 * {@code BEGIN [WITH LABEL l]} or {@code START TRANSACTION [WITH LABEL l]}: opens the session's
 * load transaction, which the following INSERTs fill and COMMIT makes visible at once.
 *
 * @param label the transaction's label, or null to generate one
 */
public record BeginStatement(String label) implements Statement {
}
