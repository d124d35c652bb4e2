package io.tessera.be.storage;

import java.nio.file.Path;

/**
 * What moving a storage root's {@code data/} to trash did.
 *
 * @param trashFolder    where the old data now lives
 * @param replicaFolders how many replica folders (direct children of {@code data/}) were moved
 */
public record TrashMove(Path trashFolder, int replicaFolders) {
}
