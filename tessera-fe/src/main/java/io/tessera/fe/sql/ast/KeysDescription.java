package io.tessera.fe.sql.ast;

import java.util.List;
import java.util.Objects;

/** {@code DUPLICATE KEY (c1, c2)} (also UNIQUE / AGGREGATE KEY); columns as written. */
public record KeysDescription(KeysType type, List<String> columns) {
    public KeysDescription {
        Objects.requireNonNull(type, "type is null");
        columns = List.copyOf(columns);
    }
}
