package io.tessera.fe.journal;

import io.tessera.fe.meta.MetadataImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of metadata snapshot files ({@code image.<term>_<index>}, Doris's image name with the
 * journal position): durable writes (temporary name, fsync, rename, folder fsync), choosing the
 * newest file that reads back whole, setting aside damaged ones as {@code <name>.corrupt} with a
 * WARN naming them, and keeping only the newest few.
 *
 * <p>Threading: {@link #write} and {@link #retainNewest} run on the snapshot writer's thread;
 * {@link #loadNewestValid} runs once at start before any write. Not for concurrent use.
 */
final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    static final String PREFIX = "image.";
    static final String TEMP_SUFFIX = ".tmp";
    static final String CORRUPT_SUFFIX = ".corrupt";
    private static final Pattern NAME = Pattern.compile("image\\.(\\d+)_(\\d+)");

    /** One snapshot file and the journal position it holds the state of. */
    record SnapshotFile(Path path, long term, long index) {
    }

    /** The newest snapshot that loaded, and the files that were set aside on the way to it. */
    record Selection(Optional<Loaded> loaded, List<String> rejected) {
    }

    /** A snapshot that read back whole. */
    record Loaded(SnapshotFile file, SnapshotCodec.Decoded contents) {
    }

    private final Path dir;

    SnapshotStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code image} as the snapshot at {@code term}/{@code index}; durable when it returns. */
    SnapshotFile write(long term, long index, MetadataImage image) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(PREFIX + term + "_" + index);
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
            SnapshotCodec.write(out, term, index, image);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        return new SnapshotFile(file, term, index);
    }

    /** Snapshot files, newest (highest index) first. */
    List<SnapshotFile> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SnapshotFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : (Iterable<Path>) entries::iterator) {
                Matcher matcher = NAME.matcher(path.getFileName().toString());
                if (matcher.matches()) {
                    files.add(new SnapshotFile(path, Long.parseLong(matcher.group(1)),
                            Long.parseLong(matcher.group(2))));
                }
            }
        }
        files.sort(Comparator.comparingLong(SnapshotFile::index).thenComparingLong(SnapshotFile::term).reversed());
        return files;
    }

    /**
     * Reads snapshots newest first and returns the first that is whole. Each one that is not is
     * renamed to {@code <name>.corrupt} (kept for inspection, never chosen again) with a WARN; a
     * half-written temporary file left by a crash is deleted.
     */
    Selection loadNewestValid() throws IOException {
        deleteTemporaryFiles();
        List<String> rejected = new ArrayList<>();
        for (SnapshotFile file : list()) {
            try (InputStream in = Files.newInputStream(file.path())) {
                SnapshotCodec.Decoded contents = SnapshotCodec.read(in, Files.size(file.path()));
                if (contents.index() != file.index() || contents.term() != file.term()) {
                    throw new SnapshotCodec.CorruptSnapshotException("holds term " + contents.term() + " index "
                            + contents.index() + ", not what its name says");
                }
                return new Selection(Optional.of(new Loaded(file, contents)), List.copyOf(rejected));
            } catch (SnapshotCodec.CorruptSnapshotException e) {
                // Only damage sets a file aside; any other I/O error (permissions, a failing disk)
                // stops the start with that error, so a good snapshot is never discarded for it.
                rejected.add(setAside(file, e.getMessage()));
            }
        }
        return new Selection(Optional.empty(), List.copyOf(rejected));
    }

    /**
     * Renames an unusable snapshot to {@code <name>.corrupt} (kept for inspection, never chosen
     * again) with a WARN; returns the file and reason, for the error of a start that cannot go on.
     */
    String setAside(SnapshotFile file, String reason) throws IOException {
        Path aside = file.path().resolveSibling(file.path().getFileName() + CORRUPT_SUFFIX);
        LOG.warn("metadata snapshot {} is unusable: {}; it is renamed to {} and the previous snapshot is used",
                file.path(), reason, aside.getFileName());
        Files.move(file.path(), aside, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        return file.path() + " (" + reason + ")";
    }

    /**
     * Reads a just-written snapshot back whole (CRC, every record), so the log is never purged
     * behind a file that cannot be loaded; throws when it cannot.
     */
    void verify(SnapshotFile file) throws IOException {
        try (InputStream in = Files.newInputStream(file.path())) {
            SnapshotCodec.Decoded contents = SnapshotCodec.read(in, Files.size(file.path()));
            if (contents.index() != file.index() || contents.term() != file.term()) {
                throw new SnapshotCodec.CorruptSnapshotException("holds term " + contents.term() + " index "
                        + contents.index() + ", not what its name says");
            }
        }
    }

    /** Deletes all but the {@code count} newest snapshots; returns the ones kept, newest first. */
    List<SnapshotFile> retainNewest(int count) throws IOException {
        List<SnapshotFile> files = list();
        for (SnapshotFile old : files.subList(Math.min(count, files.size()), files.size())) {
            Files.deleteIfExists(old.path());
            LOG.info("deleted metadata snapshot {}", old.path().getFileName());
        }
        return List.copyOf(files.subList(0, Math.min(count, files.size())));
    }

    private void deleteTemporaryFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path path : (Iterable<Path>) entries::iterator) {
                String name = path.getFileName().toString();
                if (name.startsWith(PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    LOG.info("deleting {}, a snapshot that was still being written when the FE stopped", path);
                    Files.delete(path);
                }
            }
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
