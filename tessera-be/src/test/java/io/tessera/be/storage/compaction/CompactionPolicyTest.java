package io.tessera.be.storage.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.proto.tablet.RowsetMeta;
import io.tessera.proto.tablet.TabletMeta;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rowsets get merged: the trigger, promoted big rowsets, leading big ones, the cap. */
class CompactionPolicyTest {
    private static CompactionPolicy policy(int trigger, int max, long promotionBytes) {
        return new CompactionPolicy(new CompactionConfig(true, 1_000, trigger, max, promotionBytes, 1, Duration.ZERO));
    }

    /** A meta with one rowset per size, versions 2, 3, ... */
    private static TabletMeta meta(long... sizes) {
        TabletMeta.Builder meta = TabletMeta.newBuilder().setCreatedVersion(1).setVersion(1 + sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            long version = 2 + i;
            meta.addRowsets(RowsetMeta.newBuilder().setVersion(version).setStartVersion(version)
                    .setEndVersion(version).setFileName("f" + version).setByteSize(sizes[i]));
        }
        return meta.build();
    }

    private static List<Long> versions(List<RowsetMeta> picked) {
        return picked.stream().map(RowsetMeta::getVersion).toList();
    }

    @Test
    void nothingUntilThereAreMoreRowsetsThanTheTrigger() {
        assertThat(policy(5, 1000, 1 << 30).pick(meta(10, 10, 10, 10, 10))).isEmpty();
        assertThat(versions(policy(5, 1000, 1 << 30).pick(meta(10, 10, 10, 10, 10, 10))))
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void promotedRowsetsAndEverythingBeforeThemAreLeftAlone() {
        assertThat(versions(policy(3, 1000, 100).pick(meta(10, 500, 10, 10, 10))))
                .containsExactly(4L, 5L, 6L);
        assertThat(policy(3, 1000, 100).pick(meta(10, 10, 500, 500, 10))).isEmpty();
    }

    @Test
    void aLeadingRowsetBiggerThanTheRestTogetherIsLeftOut() {
        assertThat(versions(policy(3, 1000, 1 << 30).pick(meta(400, 100, 10, 10, 10))))
                .containsExactly(4L, 5L, 6L);
        assertThat(versions(policy(3, 1000, 1 << 30).pick(meta(40, 10, 10, 10, 10))))
                .containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(versions(policy(3, 1000, 1 << 30).pick(meta(1000, 300, 200, 10))))
                .containsExactly(4L, 5L);
    }

    @Test
    void atMostTheCapOfTheOldestCandidates() {
        assertThat(versions(policy(2, 3, 1 << 30).pick(meta(10, 10, 10, 10, 10))))
                .containsExactly(2L, 3L, 4L);
    }
}
