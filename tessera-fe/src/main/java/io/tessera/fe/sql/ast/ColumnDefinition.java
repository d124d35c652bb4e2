package io.tessera.fe.sql.ast;

import java.util.Objects;

/**
 * One column of {@code CREATE TABLE}: {@code name type [NULL | NOT NULL] [DEFAULT value] [COMMENT 'text']}.
 *
 * @param nullable     true for NULL, false for NOT NULL, null when neither was written
 * @param defaultValue null when there is no DEFAULT; else {@link Literal#NULL} for {@code DEFAULT NULL},
 *                     a {@link Literal} for a number, string or boolean, or a {@link FunctionCall}
 *                     {@code current_timestamp} / {@code current_date} (with the precision as its
 *                     one argument when written, e.g. {@code CURRENT_TIMESTAMP(3)})
 * @param defaultText  the default's source text exactly as written (quotes included, e.g.
 *                     {@code "2014-02-04 15:36:00"}); null exactly when defaultValue is null
 * @param comment      null when there is no COMMENT
 */
public record ColumnDefinition(String name, TypeDefinition type, Boolean nullable, Expression defaultValue,
        String defaultText, String comment) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        if ((defaultValue == null) != (defaultText == null)) {
            throw new IllegalArgumentException("defaultValue and defaultText must be both set or both null");
        }
    }
}
