package io.tessera.fe.sql.ast;

/**
 * What a GRANT or REVOKE names, as written: {@code *.*.*} (all three {@code *}), {@code *.*}
 * (catalog {@code *}, database {@code *}, table null), {@code [ctl.]db.*} or {@code [ctl.]db.tbl}.
 *
 * @param catalog null when not written
 */
public record GrantTarget(String catalog, String database, String table) {
    public static final String ALL = "*";
}
