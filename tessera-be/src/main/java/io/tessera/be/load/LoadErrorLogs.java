package io.tessera.be.load;

import io.tessera.common.Clock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of Stream Load error logs ({@code <storage root>/error_log/}): plain-text files listing
 * a load's first {@value #MAX_ROWS} bad rows with the reason each was filtered, in Doris's line
 * shape ({@code Reason: ... . src line [...]; }). A log appears under its final name only when
 * complete (written to a temporary name, then renamed); logs older than Doris's
 * {@code load_error_log_reserve_hours} (48) are deleted when a new one is made. The files are
 * diagnostics, not data: they are not fsynced.
 *
 * <p>Threading: thread-safe; each {@link ErrorLog} belongs to one load's thread.
 */
public final class LoadErrorLogs {
    public static final int MAX_ROWS = 1000;
    private static final long RESERVE_MS = TimeUnit.HOURS.toMillis(48);
    private static final Pattern NAME = Pattern.compile("error_log_[0-9]+_[0-9a-f]{16}");
    private static final Logger LOG = LoggerFactory.getLogger(LoadErrorLogs.class);

    private final Path directory;
    private final Clock clock;
    private final Random random;

    public LoadErrorLogs(Path directory, Clock clock, Random random) {
        this.directory = directory;
        this.clock = clock;
        this.random = random;
    }

    /** A new, empty log for a load; nothing is written to disk until the first bad row. */
    public ErrorLog create(long transactionId) {
        String name;
        synchronized (random) {
            name = String.format("error_log_%d_%016x", transactionId, random.nextLong());
        }
        return new ErrorLog(name);
    }

    /** The log's file, when the name is one this folder makes and the log is complete. */
    public Optional<Path> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private void deleteOldLogs() {
        long oldest = clock.wallMillis() - RESERVE_MS;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "error_log_*")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toMillis() < oldest) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean old load error logs in {}: {}", directory, e.toString());
        }
    }

    /** One load's error log. Not thread-safe. */
    public final class ErrorLog implements AutoCloseable {
        private final String name;
        private BufferedWriter writer;
        private long rows;

        private ErrorLog(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Adds a bad row (only the first {@value #MAX_ROWS} are kept). */
        public void add(String reason, String source) {
            rows++;
            if (rows > MAX_ROWS) {
                return;
            }
            try {
                if (writer == null) {
                    Files.createDirectories(directory);
                    deleteOldLogs();
                    writer = Files.newBufferedWriter(directory.resolve(name + ".tmp"), StandardCharsets.UTF_8);
                }
                writer.write("Reason: " + reason + ". src line [" + source + "]; \n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the load error log " + name, e);
            }
        }

        public boolean isEmpty() {
            return rows == 0;
        }

        /** Finishes the file and gives it its final name (nothing when no row was bad). */
        @Override
        public void close() {
            if (writer == null) {
                return;
            }
            try {
                if (rows > MAX_ROWS) {
                    writer.write("... and " + (rows - MAX_ROWS) + " more bad rows, not listed\n");
                }
                writer.close();
                writer = null;
                Files.move(directory.resolve(name + ".tmp"), directory.resolve(name),
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("cannot finish the load error log {}: {}", name, e.toString());
            }
        }
    }
}
