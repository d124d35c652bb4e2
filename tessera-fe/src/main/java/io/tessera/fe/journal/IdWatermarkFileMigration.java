package io.tessera.fe.journal;

import io.tessera.fe.meta.Journal;
import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moves the id watermark that FEs before the Ratis journal kept in {@code meta_dir/id_watermark}
 * into the journal, once: backends may still hold replicas under ids handed out then, so those
 * ids must never be handed out again. The file is deleted after the journal has the record.
 *
 * <p>Threading: run once at start, before any statement, from the starting thread.
 */
public final class IdWatermarkFileMigration {
    static final String FILE_NAME = "id_watermark";

    private IdWatermarkFileMigration() {
    }

    /** Appends the file's watermark to {@code journal} and deletes the file; nothing when absent. */
    public static void migrate(Path metaDir, Journal journal) {
        Path file = metaDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return;
        }
        try {
            long nextId = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
            journal.append(JournalBatch.newBuilder().addRecords(JournalRecord.newBuilder()
                    .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId))).build()).join();
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot migrate " + file + " into the journal", e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage()
                    + " (remove it only if no backend holds data of this FE)", e);
        }
    }
}
