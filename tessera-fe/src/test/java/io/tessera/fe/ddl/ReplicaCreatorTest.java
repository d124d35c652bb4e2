package io.tessera.fe.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.rpc.DataChannels;
import org.junit.jupiter.api.Test;

/** The claim a CREATE TABLE or ADD PARTITION holds on its table until its record is journaled. */
class ReplicaCreatorTest {
    private final BackendRegistry registry = new BackendRegistry();
    private final ReplicaCreator creator = new ReplicaCreator(
            new DataChannels(registry::snapshot, id -> BackendRuntime.NEVER_CONTACTED));

    @Test
    void aTableIsBeingCreatedUntilEveryClaimOnItCloses() {
        ReplicaCreator.Creation first = creator.startCreation(11);
        ReplicaCreator.Creation second = creator.startCreation(11);
        try (ReplicaCreator.Creation other = creator.startCreation(12)) {
            assertThat(creator.tablesBeingCreated()).containsExactlyInAnyOrder(11L, 12L);
        }
        assertThat(creator.tablesBeingCreated()).containsExactly(11L);

        first.close();
        first.close(); // a second close does not release the other statement's claim
        assertThat(creator.tablesBeingCreated()).containsExactly(11L);

        second.close();
        assertThat(creator.tablesBeingCreated()).isEmpty();
    }
}
