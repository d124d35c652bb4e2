package io.tessera.be.storage.scan;

import io.tessera.proto.data.Aggregation;
import io.tessera.proto.data.Expression;
import java.util.List;
import java.util.Optional;

/**
 * What a scan computes (backend.proto's ScanRequest without the replica and version). Immutable.
 *
 * @param columns     columns to return, when there is no aggregation
 * @param filter      rows pass when it is TRUE; empty means every row
 * @param aggregation a partial aggregation instead of rows
 * @param limit       rows to return at most without aggregation; 0 means no limit
 */
public record ScanSpec(List<Integer> columns, Optional<Expression> filter, Optional<Aggregation> aggregation,
                       long limit) {
    public ScanSpec {
        columns = List.copyOf(columns);
    }
}
