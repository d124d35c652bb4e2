package io.tessera.fe.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Refuses to start an FE whose metadata cannot be recovered whole: the Raft log must hold every
 * entry after the snapshot that was loaded (or after the very beginning, when none was). Ratis
 * would otherwise start from the snapshot, or from nothing, and skip the purged entries in
 * silence, which would be an empty or stale catalog served as if it were true.
 *
 * <p>Threading: run once, at start, on the thread that initializes the state machine.
 */
final class LogCoverageCheck {
    private static final Pattern CLOSED_SEGMENT = Pattern.compile("log_(\\d+)-(\\d+)");
    private static final Pattern OPEN_SEGMENT = Pattern.compile("log_inprogress_(\\d+)(?:\\..*)?");

    /** The FE cannot start: the metadata it would serve is not the metadata it acknowledged. */
    static final class UnrecoverableMetadataException extends IOException {
        UnrecoverableMetadataException(String message) {
            super(message);
        }
    }

    private LogCoverageCheck() {
    }

    /**
     * @param logDir        Ratis's {@code current} folder, holding the log segments
     * @param snapshotIndex the loaded snapshot's index, or -1 when none was loaded
     * @param rejected      the snapshot files found unusable, for the message
     */
    static void requireCovered(Path logDir, long snapshotIndex, List<String> rejected) throws IOException {
        OptionalLong firstIndex = firstLogIndex(logDir);
        boolean gap = firstIndex.isPresent() ? firstIndex.getAsLong() > snapshotIndex + 1
                : snapshotIndex < 0 && !rejected.isEmpty();
        if (!gap) {
            return;
        }
        String found = rejected.isEmpty() ? "no usable snapshot" : "unusable snapshots " + String.join(", ", rejected);
        String log = firstIndex.isPresent() ? "the journal in " + logDir + " starts at entry " + firstIndex.getAsLong()
                : "the journal in " + logDir + " holds no entries";
        String after = snapshotIndex < 0 ? "the beginning" : "snapshot index " + snapshotIndex;
        throw new UnrecoverableMetadataException("cannot recover the FE metadata: " + found + "; " + log
                + ", and the entries after " + after + " were purged. Refusing to start with an incomplete catalog;"
                + " restore a snapshot file (image.<term>_<index>) into " + logDir.resolveSibling("sm"));
    }

    private static OptionalLong firstLogIndex(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> entries = Files.list(logDir)) {
            return entries.map(path -> startIndex(path.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .mapToLong(Long::longValue)
                    .min();
        }
    }

    private static Optional<Long> startIndex(String name) {
        Matcher closed = CLOSED_SEGMENT.matcher(name);
        if (closed.matches()) {
            return Optional.of(Long.parseLong(closed.group(1)));
        }
        Matcher open = OPEN_SEGMENT.matcher(name);
        return open.matches() ? Optional.of(Long.parseLong(open.group(1))) : Optional.empty();
    }
}
