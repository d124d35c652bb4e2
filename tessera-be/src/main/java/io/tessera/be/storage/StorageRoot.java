package io.tessera.be.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One {@code storage_root_path} entry: the folder that holds replicas, and the identity files that
 * tie it to one cluster and one backend id, so a disk never serves data under an identity it was
 * not written for. Layout:
 *
 * <pre>
 * &lt;root&gt;/cluster_id   the cluster this disk belongs to (text, written on first heartbeat)
 * &lt;root&gt;/token        the cluster's token (text, written with cluster_id)
 * &lt;root&gt;/backend_id   the backend id the FE last gave this BE (text)
 * &lt;root&gt;/data/        replicas, one folder each
 * &lt;root&gt;/trash/       data set aside (for example when the backend id changed)
 * &lt;root&gt;/clone_staging/  replicas being cloned from a peer, not yet installed (removed at start)
 * </pre>
 *
 * Identity files are written durably (temporary file, fsync, rename, fsync of the folder).
 *
 * <p>Threading: thread-safe; identity reads and writes are synchronized, and {@link #usage} may run
 * concurrently with a move to trash (files that vanish during the walk are skipped).
 */
public final class StorageRoot {
    static final String CLUSTER_ID_FILE = "cluster_id";
    static final String TOKEN_FILE = "token";
    static final String BACKEND_ID_FILE = "backend_id";
    static final String DATA_DIR = "data";
    static final String TRASH_DIR = "trash";
    static final String CLONE_STAGING_DIR = "clone_staging";

    private final Path path;
    private OptionalLong clusterId;
    private Optional<String> token;
    private OptionalLong backendId;

    private StorageRoot(Path path, OptionalLong clusterId, Optional<String> token, OptionalLong backendId) {
        this.path = path;
        this.clusterId = clusterId;
        this.token = token;
        this.backendId = backendId;
    }

    /**
     * Creates the root and its folders when missing, removes temporary files a crash left behind,
     * and reads the identity files.
     *
     * @throws IllegalStateException when an identity file holds something that is not an id
     */
    public static StorageRoot open(Path path) throws IOException {
        Path root = path.toAbsolutePath().normalize();
        DurableFiles.createDirectory(root);
        DurableFiles.createDirectory(root.resolve(DATA_DIR));
        DurableFiles.createDirectory(root.resolve(TRASH_DIR));
        for (String name : new String[] {CLUSTER_ID_FILE, TOKEN_FILE, BACKEND_ID_FILE}) {
            Files.deleteIfExists(root.resolve(name + DurableFiles.TEMP_SUFFIX));
        }
        return new StorageRoot(root, readId(root.resolve(CLUSTER_ID_FILE)), readText(root.resolve(TOKEN_FILE)),
                readId(root.resolve(BACKEND_ID_FILE)));
    }

    public Path path() {
        return path;
    }

    public Path dataDir() {
        return path.resolve(DATA_DIR);
    }

    public Path trashDir() {
        return path.resolve(TRASH_DIR);
    }

    /**
     * Where replicas being cloned from a peer are staged, one folder each, until they are installed
     * into {@code data/} by a rename; whatever is left here at start is debris of an interrupted clone.
     */
    public Path cloneStagingDir() {
        return path.resolve(CLONE_STAGING_DIR);
    }

    /** The cluster this root belongs to; empty before the first heartbeat. */
    public synchronized OptionalLong clusterId() {
        return clusterId;
    }

    /** The cluster token stored with the cluster id; empty before the first heartbeat. */
    public synchronized Optional<String> token() {
        return token;
    }

    /** The backend id the data under {@code data/} was written for; empty before the first heartbeat. */
    public synchronized OptionalLong backendId() {
        return backendId;
    }

    /**
     * Binds the root to a cluster. The token is written first, so a root whose cluster id is stored
     * always has its token too.
     */
    public synchronized void storeCluster(long newClusterId, String newToken) throws IOException {
        DurableFiles.writeString(path.resolve(TOKEN_FILE), newToken + "\n");
        token = Optional.of(newToken);
        DurableFiles.writeString(path.resolve(CLUSTER_ID_FILE), newClusterId + "\n");
        clusterId = OptionalLong.of(newClusterId);
    }

    public synchronized void storeBackendId(long newBackendId) throws IOException {
        DurableFiles.writeString(path.resolve(BACKEND_ID_FILE), newBackendId + "\n");
        backendId = OptionalLong.of(newBackendId);
    }

    /**
     * Moves all of {@code data/} into {@code trash/<folderName>/} with one atomic rename and creates a
     * fresh, empty {@code data/}. When {@code folderName} is taken, a numeric suffix is added.
     */
    public synchronized TrashMove moveDataToTrash(String folderName) throws IOException {
        Path data = dataDir();
        DurableFiles.createDirectory(trashDir());
        Path target = trashDir().resolve(folderName);
        for (int suffix = 1; Files.exists(target); suffix++) {
            target = trashDir().resolve(folderName + "-" + suffix);
        }
        int replicaFolders = 0;
        if (Files.isDirectory(data)) {
            try (Stream<Path> children = Files.list(data)) {
                replicaFolders = (int) children.filter(Files::isDirectory).count();
            }
            DurableFiles.rename(data, target);
        } else {
            DurableFiles.createDirectory(target);
        }
        DurableFiles.createDirectory(data);
        return new TrashMove(target, replicaFolders);
    }

    /**
     * Deletes everything under {@code trash/} (the folder itself stays); returns the bytes of the
     * regular files removed. Files that vanish meanwhile are skipped.
     */
    public synchronized long cleanTrash() throws IOException {
        Path trash = trashDir();
        long bytes = bytesUnder(trash);
        if (!Files.isDirectory(trash)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(trash)) {
            for (Path entry : entries.toList()) {
                deleteTree(entry);
            }
        }
        return bytes;
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Space of the file system and bytes under {@code data/} and {@code trash/}. */
    public DiskUsage usage() throws IOException {
        FileStore store = Files.getFileStore(path);
        return new DiskUsage(path, store.getTotalSpace(), store.getUsableSpace(), bytesUnder(dataDir()),
                bytesUnder(trashDir()));
    }

    /** The total size of regular files under {@code dir}; files removed during the walk are skipped. */
    static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        AtomicLong bytes = new AtomicLong();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    bytes.addAndGet(attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return bytes.get();
    }

    private static OptionalLong readId(Path file) throws IOException {
        Optional<String> text = readText(file);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("cannot read " + file + ": '" + text.get() + "' is not an id");
        }
    }

    private static Optional<String> readText(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
