package io.tessera.fe.sql.ast;

import java.util.Objects;

/** {@code SHOW PROC '/backends'}: path is the literal's content. */
public record ShowProcStatement(String path) implements Statement {
    public ShowProcStatement {
        Objects.requireNonNull(path, "path is null");
    }
}
