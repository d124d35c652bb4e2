package io.tessera.fe.audit;

import io.tessera.common.Clock;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code fe.audit.log} and its rolled files, as Doris's log4j rolling appender keeps them: the
 * file is appended to across restarts; before a line would take it past {@code maxFileBytes}, or
 * when the day (hour) of {@code audit_log_roll_interval} changes, it is renamed to
 * {@code fe.audit.log.<yyyyMMdd[HH]>-<n>} (the period its lines are from, n the next free number
 * of that period) and a new file begins; then rolled files beyond {@code audit_log_roll_num}
 * (oldest first) and those last written more than {@code audit_log_delete_age} ago are deleted.
 * After a failed write the file is closed and opened again by the next write.
 *
 * <p>Threading: used by one thread only, {@link AuditLog}'s writer.
 */
final class RollingAuditFile implements Closeable {
    private final AuditLogConfig config;
    private final Clock clock;
    private final DateTimeFormatter periodFormat;
    private BufferedWriter writer;
    private long sizeBytes;
    /** The day (hour) the open file's lines are from. */
    private String period;

    RollingAuditFile(AuditLogConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.periodFormat = DateTimeFormatter.ofPattern(config.rollInterval().suffixPattern());
    }

    /**
     * Appends one line (a newline is added), rolling first when the size or the period calls for
     * it; the line's own time decides its period, so a queue running behind never misfiles a line.
     */
    void write(String line, long lineWallMillis) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        String now = periodOf(lineWallMillis);
        if (writer == null) {
            open();
        }
        if (sizeBytes > 0 && (sizeBytes + bytes.length > config.maxFileBytes() || !now.equals(period))) {
            roll();
            open();
        }
        if (sizeBytes == 0) {
            period = now;
        }
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        sizeBytes += bytes.length;
    }

    void flush() throws IOException {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                closeQuietly();
                throw e;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            try {
                writer.close();
            } finally {
                writer = null;
            }
        }
    }

    private void open() throws IOException {
        Files.createDirectories(config.directory());
        Path file = config.file();
        writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
        sizeBytes = Files.size(file);
        period = sizeBytes > 0 ? periodOf(Files.getLastModifiedTime(file).toMillis()) : periodOf(clock.wallMillis());
    }

    private void roll() throws IOException {
        close();
        String prefix = AuditLogConfig.FILE_NAME + "." + period + "-";
        int number = 1;
        while (Files.exists(config.directory().resolve(prefix + number))) {
            number++;
        }
        Files.move(config.file(), config.directory().resolve(prefix + number), StandardCopyOption.ATOMIC_MOVE);
        deleteOld();
    }

    /** Rolled files past the count, oldest first, and any last written before the delete age. */
    private void deleteOld() throws IOException {
        List<Path> rolled = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(config.directory(), AuditLogConfig.FILE_NAME + ".*")) {
            files.forEach(rolled::add);
        }
        rolled.sort(Comparator.comparing(RollingAuditFile::lastModified).thenComparing(Path::toString).reversed());
        long oldestKeptMillis = clock.wallMillis() - config.deleteAgeMillis();
        for (int index = 0; index < rolled.size(); index++) {
            Path file = rolled.get(index);
            if (index >= config.keptFiles() || lastModified(file).toMillis() < oldestKeptMillis) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private String periodOf(long wallMillis) {
        return periodFormat.format(Instant.ofEpochMilli(wallMillis).atZone(clock.zone()));
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            writer = null;
        }
    }
}
