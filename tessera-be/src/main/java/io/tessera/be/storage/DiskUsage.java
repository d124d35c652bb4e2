package io.tessera.be.storage;

import java.nio.file.Path;

/**
 * One storage root's space, as a heartbeat reports it.
 *
 * @param path           the storage root
 * @param totalBytes     size of the file system holding it
 * @param availableBytes what this process may still write there
 * @param dataUsedBytes  bytes of files under {@code data/} (replicas)
 * @param trashUsedBytes bytes of files under {@code trash/}
 */
public record DiskUsage(Path path, long totalBytes, long availableBytes, long dataUsedBytes, long trashUsedBytes) {
}
