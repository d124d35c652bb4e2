package io.tessera.fe.replication;

/**
 * A backend's scheduler slots as SHOW PROC '/cluster_balance/working_slots' shows them (one row per
 * backend: Tessera has no path hashes, so a backend counts as one HDD path). Immutable.
 *
 * @param backendId   the backend
 * @param totalSlots  {@code schedule_slot_num_per_hdd_path}
 * @param usedSlots   clones in flight with this backend as source or destination
 * @param balanceSlot min(balance slots left of {@code balance_slot_num_per_path}, available slots)
 * @param avgRate     mean bytes/second of the finished clones on this backend that took at least 1 s, 0.0 when none
 */
public record SlotUsage(long backendId, int totalSlots, int usedSlots, int balanceSlot, double avgRate) {
    /** Total minus used, never below 0. */
    public int availSlots() {
        return Math.max(0, totalSlots - usedSlots);
    }
}
