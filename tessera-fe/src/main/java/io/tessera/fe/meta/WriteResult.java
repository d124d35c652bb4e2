package io.tessera.fe.meta;

import io.tessera.proto.journal.JournalRecord;
import java.util.List;

/**
 * What generating a write produced: the records to apply (all together, or none) and the
 * response to give once they are applied. An empty record list is a valid no-op write.
 */
public record WriteResult<T>(List<JournalRecord> records, T response) {
    public WriteResult {
        records = List.copyOf(records);
    }
}
