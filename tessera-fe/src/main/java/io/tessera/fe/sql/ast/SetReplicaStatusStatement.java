package io.tessera.fe.sql.ast;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = "..", "backend_id" = "..", "status" = "..")}.
 *
 * @param properties the pairs as written, in order
 */
public record SetReplicaStatusStatement(Map<String, String> properties) implements Statement {
    public SetReplicaStatusStatement {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
