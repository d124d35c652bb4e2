package io.tessera.fe.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ALTER SYSTEM ADD BACKEND "h:p" [, ...] [PROPERTIES ("k" = "v", ...)]}.
 *
 * @param identifiers the string literals as written (quotes removed, otherwise untouched)
 * @param properties  the PROPERTIES pairs in the order written (a repeated key keeps the last value)
 */
public record AddBackendStatement(List<String> identifiers, Map<String, String> properties) implements Statement {
    public AddBackendStatement {
        identifiers = List.copyOf(identifiers);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
