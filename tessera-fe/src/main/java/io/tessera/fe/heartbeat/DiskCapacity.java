package io.tessera.fe.heartbeat;

import io.tessera.proto.heartbeat.DiskInfo;
import java.util.List;

/**
 * A backend's capacity as SHOW BACKENDS shows it: sums over its online disks, and the fullest
 * online disk's used fraction. Offline disks count for nothing, as in Doris. A value; thread-safe.
 *
 * @param dataUsedBytes       tablet data on the online disks
 * @param trashUsedBytes      trash on the online disks
 * @param availableBytes      free bytes on the online disks; 1 when none is online (Doris's value
 *                            for a backend without disk reports)
 * @param totalBytes          capacity of the online disks
 * @param maxDiskUsedFraction max over online disks of (total - available) / total, 0..1
 */
public record DiskCapacity(long dataUsedBytes, long trashUsedBytes, long availableBytes, long totalBytes,
                           double maxDiskUsedFraction) {

    /** Sums what the backend reported. */
    public static DiskCapacity of(List<DiskInfo> disks) {
        long dataUsed = 0;
        long trashUsed = 0;
        long available = 0;
        long total = 0;
        double maxUsedFraction = 0.0;
        boolean anyOnline = false;
        for (DiskInfo disk : disks) {
            if (!disk.getOnline()) {
                continue;
            }
            anyOnline = true;
            dataUsed += disk.getDataUsedBytes();
            trashUsed += disk.getTrashUsedBytes();
            available += disk.getAvailableBytes();
            total += disk.getTotalBytes();
            if (disk.getTotalBytes() > 0) {
                double used = (double) (disk.getTotalBytes() - disk.getAvailableBytes()) / disk.getTotalBytes();
                maxUsedFraction = Math.max(maxUsedFraction, used);
            }
        }
        return new DiskCapacity(dataUsed, trashUsed, anyOnline ? available : 1, total, maxUsedFraction);
    }
}
