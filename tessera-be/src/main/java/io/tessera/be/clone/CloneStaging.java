package io.tessera.be.clone;

import io.tessera.be.storage.DurableFiles;
import io.tessera.be.storage.StorageRoot;
import io.tessera.be.storage.tablet.ReplicaLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The staging folder of one clone, {@code <root>/clone_staging/<tablet>_<replica>/}: where fetched
 * rowset files are written and verified before the folder is renamed into {@code data/}. It lives
 * outside {@code data/}, so the replica loader never mistakes it for a replica, and the tablet
 * store's start-up removes whatever an interrupted clone left there. Stateless; one clone owns a
 * staging folder at a time (the workers never run two clones of one tablet).
 */
final class CloneStaging {
    private CloneStaging() {
    }

    /** The staging folder of a clone of the tablet under the new replica id. */
    static Path folder(StorageRoot root, long tabletId, long replicaId) {
        return root.cloneStagingDir().resolve(ReplicaLayout.folderName(tabletId, replicaId));
    }

    /** Creates the folder empty (removing what an earlier attempt left) and makes it durable. */
    static Path create(StorageRoot root, long tabletId, long replicaId) throws IOException {
        Path folder = folder(root, tabletId, replicaId);
        deleteTree(folder);
        DurableFiles.createDirectory(folder);
        return folder;
    }

    /** Removes every file of the folder, keeping the folder: a full re-clone starts over. */
    static void clear(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                deleteTree(child);
            }
        }
        DurableFiles.syncDirectory(folder);
    }

    /** Removes the folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }
}
