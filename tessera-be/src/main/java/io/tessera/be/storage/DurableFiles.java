package io.tessera.be.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The house rule "durable means fsynced" in one place: a file is written under a temporary name,
 * fsynced, renamed over its final name, and its directory fsynced, so after a crash the file holds
 * either the old or the new content, never a torn mix. Stateless; callers serialize writes to the
 * same file.
 */
public final class DurableFiles {
    /** Suffix of the temporary file a durable write goes through; leftovers are debris of a crash. */
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /** Replaces {@code file}'s content with {@code text} (UTF-8) durably. */
    public static void writeString(Path file, String text) throws IOException {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces {@code file}'s content with {@code content} durably. */
    public static void writeBytes(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
    }

    /** Renames {@code source} to {@code target} atomically and fsyncs both directories. */
    public static void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        if (!source.getParent().equals(target.getParent())) {
            syncDirectory(source.getParent());
        }
    }

    /** Creates {@code dir} (and missing parents) if needed and makes the new entry durable. */
    public static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        syncDirectory(dir.toAbsolutePath().getParent());
    }

    /** Makes a directory's entries (creations, renames) durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
