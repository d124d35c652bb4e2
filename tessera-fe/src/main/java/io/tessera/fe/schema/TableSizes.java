package io.tessera.fe.schema;

import io.tessera.proto.journal.TableDefinition;
import java.util.Optional;

/**
 * What is known of a table's size: its rows and bytes (one copy of the data), from the backends'
 * tablet reports, which this package cannot read (soft state, adapted by {@code exec}). Empty when
 * no replica of the table has been reported yet. Implementations are thread-safe.
 */
public interface TableSizes {
    /** Sizes never known: TABLE_ROWS and DATA_LENGTH show as 0, as for an unreported table in Doris. */
    TableSizes UNKNOWN = table -> Optional.empty();

    Optional<Size> of(TableDefinition table);

    /** Rows and bytes of one copy of a table's data. */
    record Size(long rows, long dataBytes) {
    }
}
