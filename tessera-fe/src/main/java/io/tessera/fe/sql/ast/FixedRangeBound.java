package io.tessera.fe.sql.ast;

import java.util.List;

/** {@code VALUES [(lower...), (upper...))}: a range closed below and open above. */
public record FixedRangeBound(List<PartitionValue> lower, List<PartitionValue> upper) implements PartitionBound {
    public FixedRangeBound {
        lower = List.copyOf(lower);
        upper = List.copyOf(upper);
    }
}
