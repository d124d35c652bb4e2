package io.tessera.fe.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code CREATE {DATABASE | SCHEMA} [IF NOT EXISTS] db [PROPERTIES ("k" = "v", ...)]}.
 *
 * @param properties the pairs in the order written (a repeated key keeps its last value); empty when absent
 */
public record CreateDatabaseStatement(boolean ifNotExists, String database, Map<String, String> properties)
        implements Statement {
    public CreateDatabaseStatement {
        Objects.requireNonNull(database, "database is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
