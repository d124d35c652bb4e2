package io.tessera.fe.cluster;

/**
 * One storage root of a backend as its last heartbeat reported it (soft state): SHOW PROC
 * '/backends/&lt;id&gt;' shows one row per disk.
 *
 * @param path           the root path, as {@code storage_root_path} names it
 * @param totalBytes     the file system's capacity
 * @param availableBytes free bytes on it
 * @param dataUsedBytes  bytes of tablet data under the root
 * @param trashUsedBytes bytes under the root's trash
 * @param online         whether the backend could read the root
 */
public record BackendDisk(String path, long totalBytes, long availableBytes, long dataUsedBytes,
                          long trashUsedBytes, boolean online) {
}
