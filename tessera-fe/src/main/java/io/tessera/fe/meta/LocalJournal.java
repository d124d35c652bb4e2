package io.tessera.fe.meta;

import io.tessera.proto.journal.IdWatermarkRecord;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.JournalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * A journal that applies each batch at once and keeps the FE's metadata only in memory, until the
 * Ratis journal replaces this class. One thing survives a restart already: the id generator's
 * watermark, written durably to {@code meta_dir/id_watermark} before a batch that moves it is
 * applied, so ids handed out before a restart (which backends may still hold replicas under) are
 * never handed out again.
 *
 * <p>Threading: applies on the caller's thread (the metadata writer's).
 */
public final class LocalJournal implements Journal {
    private static final String WATERMARK_FILE = "id_watermark";

    private final ReplayDispatcher dispatcher;
    private final Path metaDir;

    /** A journal that keeps nothing on disk (tests, the start-up warm-up). */
    public LocalJournal(ReplayDispatcher dispatcher) {
        this(dispatcher, null);
    }

    /** A journal that keeps the id watermark in {@code metaDir}. */
    public LocalJournal(ReplayDispatcher dispatcher, Path metaDir) {
        this.dispatcher = dispatcher;
        this.metaDir = metaDir;
    }

    /** Replays the stored watermark, if any, into the id generator; call once at start. */
    public void recover() {
        if (metaDir == null) {
            return;
        }
        Path file = metaDir.resolve(WATERMARK_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            long nextId = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
            dispatcher.replay(JournalRecord.newBuilder()
                    .setIdWatermark(IdWatermarkRecord.newBuilder().setNextId(nextId)).build());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage()
                    + " (remove it only if no backend holds data of this FE)", e);
        }
    }

    @Override
    public CompletableFuture<Void> append(JournalBatch batch) {
        try {
            for (JournalRecord record : batch.getRecordsList()) {
                if (record.hasIdWatermark()) {
                    storeWatermark(record.getIdWatermark().getNextId());
                }
            }
            dispatcher.replay(batch);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void storeWatermark(long nextId) {
        if (metaDir == null) {
            return;
        }
        try {
            Files.createDirectories(metaDir);
            Path temporary = metaDir.resolve(WATERMARK_FILE + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(nextId + "\n"));
                channel.force(true);
            }
            Files.move(temporary, metaDir.resolve(WATERMARK_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(metaDir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the id watermark in " + metaDir, e);
        }
    }
}
