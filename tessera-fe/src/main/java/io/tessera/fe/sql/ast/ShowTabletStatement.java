package io.tessera.fe.sql.ast;

/** {@code SHOW TABLET <tabletId>}: where one tablet lives in the catalog. */
public record ShowTabletStatement(long tabletId) implements Statement {
}
