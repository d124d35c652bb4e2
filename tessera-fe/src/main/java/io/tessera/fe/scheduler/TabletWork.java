package io.tessera.fe.scheduler;

import io.tessera.fe.catalog.TabletHealth;
import io.tessera.proto.journal.TabletDefinition;
import io.tessera.proto.journal.TagReplicaCount;
import java.util.List;

/**
 * One tablet as a round sees it: the tablet, its partition and visible version, its table's
 * allocation and its health.
 */
record TabletWork(TabletDefinition tablet, long partitionId, long visibleVersion, List<TagReplicaCount> allocation,
                  TabletHealth health) {
    /** The same tablet at another repair priority (an operator's ADMIN REPAIR TABLE asks for VERY_HIGH). */
    TabletWork withPriority(TabletHealth.Priority priority) {
        return new TabletWork(tablet, partitionId, visibleVersion, allocation,
                new TabletHealth(health.status(), priority));
    }

    int replicationNum() {
        return TabletHealth.replicationNum(allocation);
    }

    /** How many replicas the allocation wants in a location; 0 for one it does not name. */
    int required(String location) {
        return allocation.stream().filter(count -> count.getLocation().equals(location))
                .mapToInt(TagReplicaCount::getCount).sum();
    }
}
