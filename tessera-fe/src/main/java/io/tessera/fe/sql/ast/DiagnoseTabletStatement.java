package io.tessera.fe.sql.ast;

/** {@code ADMIN DIAGNOSE TABLET <id>}, also written {@code SHOW TABLET DIAGNOSIS <id>}. */
public record DiagnoseTabletStatement(long tabletId) implements Statement {
}
