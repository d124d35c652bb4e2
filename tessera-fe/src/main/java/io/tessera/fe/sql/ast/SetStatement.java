package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code SET item [, item ...]}: items are applied left to right. */
public record SetStatement(List<SetItem> items) implements Statement {
    public SetStatement {
        items = List.copyOf(items);
    }
}
