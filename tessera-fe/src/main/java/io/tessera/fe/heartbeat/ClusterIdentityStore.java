package io.tessera.fe.heartbeat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the cluster's identity in {@code <meta_dir>/VERSION}, in Doris's format (lines
 * {@code clusterId=<n>} and {@code token=<t>}; blank lines, {@code #} comments and other keys are
 * accepted, so a Doris VERSION file reads too). The first start creates a random identity and
 * writes it durably (temporary file, fsync, atomic rename, fsync of the directory); every later
 * start reads the same values back. A file that exists but cannot be read as an identity stops the
 * FE with an error naming the file: a silently new identity would make every BE refuse this FE.
 *
 * <p>Threading: not thread-safe; called once at FE start-up.
 */
public final class ClusterIdentityStore {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentityStore.class);

    /** The file's name inside meta_dir, as in Doris. */
    public static final String FILE_NAME = "VERSION";
    private static final String CLUSTER_ID_KEY = "clusterId";
    private static final String TOKEN_KEY = "token";

    private final Path metaDir;
    private final Supplier<? extends Random> randomSupplier;

    /**
     * @param metaDir        the FE's meta_dir; created when missing
     * @param randomSupplier where a new identity's randomness comes from (a {@code SecureRandom}
     *                       in production); asked only when no identity exists yet
     */
    public ClusterIdentityStore(Path metaDir, Supplier<? extends Random> randomSupplier) {
        this.metaDir = metaDir;
        this.randomSupplier = randomSupplier;
    }

    /** {@code <meta_dir>/VERSION}. */
    public Path file() {
        return metaDir.resolve(FILE_NAME);
    }

    /**
     * Reads the identity, creating and storing a new one when meta_dir holds none.
     *
     * @throws IllegalStateException when the file exists but is not a valid identity (names the file)
     * @throws UncheckedIOException  when the file cannot be read or written
     */
    public ClusterIdentity loadOrCreate() {
        Path file = file();
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            ClusterIdentity created = newIdentity(randomSupplier.get());
            write(created);
            LOG.info("created cluster identity in {}: clusterId={}", file, created.clusterId());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster identity file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Doris's choice: a non-zero int in [1, 2^31-1], and a random UUID as the token. */
    static ClusterIdentity newIdentity(Random random) {
        int clusterId = 0;
        while (clusterId == 0) {
            clusterId = random.nextInt(Integer.MAX_VALUE);
        }
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L; // IETF variant
        return new ClusterIdentity(clusterId, new UUID(high, low).toString());
    }

    private static ClusterIdentity parse(Path file, List<String> lines) {
        String clusterIdText = null;
        String token = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw corrupt(file, "line " + (i + 1) + " is not key=value: '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (key.equals(CLUSTER_ID_KEY)) {
                if (clusterIdText != null) {
                    throw corrupt(file, CLUSTER_ID_KEY + " appears twice");
                }
                clusterIdText = value;
            } else if (key.equals(TOKEN_KEY)) {
                if (token != null) {
                    throw corrupt(file, TOKEN_KEY + " appears twice");
                }
                token = value;
            }
        }
        if (clusterIdText == null) {
            throw corrupt(file, "no " + CLUSTER_ID_KEY + " line");
        }
        if (token == null || token.isEmpty()) {
            throw corrupt(file, "no " + TOKEN_KEY + " line");
        }
        long clusterId;
        try {
            clusterId = Long.parseLong(clusterIdText);
        } catch (NumberFormatException e) {
            throw corrupt(file, CLUSTER_ID_KEY + " is not a number: '" + clusterIdText + "'");
        }
        if (clusterId <= 0 || clusterId > Integer.MAX_VALUE) {
            throw corrupt(file, CLUSTER_ID_KEY + " is out of range 1.." + Integer.MAX_VALUE + ": " + clusterId);
        }
        return new ClusterIdentity(clusterId, token);
    }

    private static IllegalStateException corrupt(Path file, String reason) {
        return new IllegalStateException("corrupt cluster identity file " + file + ": " + reason
                + " (restore it from a backup; deleting it makes every backend refuse this FE)");
    }

    private void write(ClusterIdentity identity) {
        String text = CLUSTER_ID_KEY + "=" + identity.clusterId() + "\n" + TOKEN_KEY + "=" + identity.token() + "\n";
        Path file = file();
        Path temp = metaDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(metaDir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(metaDir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cluster identity file " + file + ": " + e.getMessage(), e);
        }
    }
}
