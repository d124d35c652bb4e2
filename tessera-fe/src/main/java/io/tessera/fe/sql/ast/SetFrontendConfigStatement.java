package io.tessera.fe.sql.ast;

import java.util.Map;
import java.util.Objects;

/**
 * {@code ADMIN SET FRONTEND CONFIG ("key" = "value") [ALL]}; the executor refuses other than one
 * pair with Doris's text.
 *
 * @param properties the pairs in the order written
 * @param all        whether {@code ALL} was written (every FE sees the journaled value anyway)
 */
public record SetFrontendConfigStatement(Map<String, String> properties, boolean all) implements Statement {
    public SetFrontendConfigStatement {
        Objects.requireNonNull(properties, "properties is null");
    }
}
