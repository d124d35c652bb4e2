package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * A data type as written in a column definition or a CAST. Numbers in parentheses are kept as
 * written: defaults (VARCHAR's length, DECIMAL's precision and scale, ...) are the catalog's
 * business, as is checking their ranges. An integer type's MySQL display width ({@code INT(11)})
 * is accepted and dropped.
 *
 * @param name      the canonical upper-case name: BOOLEAN, TINYINT, SMALLINT, INT (also INTEGER),
 *                  BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL (also DECIMALV3), DATE (also DATEV2),
 *                  DATETIME (also DATETIMEV2), CHAR, VARCHAR, STRING. In CAST only, SIGNED becomes
 *                  BIGINT and UNSIGNED becomes LARGEINT.
 * @param length    CHAR(n) / VARCHAR(n); null when not written or for other types
 * @param precision DECIMAL(p[, s]) and DATETIME(p); null when not written or for other types
 * @param scale     DECIMAL(p, s); null when not written or for other types
 */
public record TypeDefinition(String name, Integer length, Integer precision, Integer scale) {
    public TypeDefinition {
        Objects.requireNonNull(name, "name is null");
    }

    /** A type without any number in parentheses, e.g. {@code INT} or {@code STRING}. */
    public static TypeDefinition of(String name) {
        return new TypeDefinition(name, null, null, null);
    }
}
