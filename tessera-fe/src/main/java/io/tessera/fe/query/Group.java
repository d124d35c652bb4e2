package io.tessera.fe.query;

import io.tessera.fe.sql.ast.FunctionCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GROUP BY group while a query aggregates: the group-by values and an accumulator per
 * aggregate call. Mutable; confined to the merging thread.
 */
final class Group {
    final List<Object> key;
    final Map<FunctionCall, Accumulator> accumulators = new LinkedHashMap<>();

    Group(List<Object> key, List<FunctionCall> calls) {
        this.key = key;
        for (FunctionCall call : calls) {
            accumulators.put(call, new Accumulator(Accumulator.kindOf(call)));
        }
    }
}
