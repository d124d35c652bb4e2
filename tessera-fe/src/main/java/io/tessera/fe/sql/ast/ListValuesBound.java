package io.tessera.fe.sql.ast;

import java.util.List;

/**
 * {@code VALUES IN ("a", "b")} or, for several partition columns, {@code VALUES IN (("a", 1), ("b", 2))}.
 *
 * @param values one tuple per listed value, each tuple one value per partition column (so
 *               {@code IN ("a", "b")} is {@code [["a"], ["b"]]})
 */
public record ListValuesBound(List<List<PartitionValue>> values) implements PartitionBound {
    public ListValuesBound {
        values = values.stream().map(List::copyOf).toList();
    }
}
