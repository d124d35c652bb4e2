package io.tessera.fe.sql.ast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ALTER SYSTEM MODIFY BACKEND "h:p" | "id" [, ...] SET ("k" = "v", ...)}. */
public record ModifyBackendStatement(List<String> identifiers, Map<String, String> properties) implements Statement {
    public ModifyBackendStatement {
        identifiers = List.copyOf(identifiers);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
