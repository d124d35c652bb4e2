package io.tessera.fe.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.fe.meta.MetadataImage;
import io.tessera.proto.journal.JournalBatch;
import io.tessera.proto.journal.PartitionDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    private static MetadataFixture filled(int databases) {
        MetadataFixture state = new MetadataFixture();
        for (JournalBatch batch : MetadataFixture.batches(databases)) {
            state.dispatcher().replay(batch);
        }
        return state;
    }

    private static byte[] encode(MetadataImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotCodec.write(out, 7, 1234, image);
        return out.toByteArray();
    }

    private static SnapshotCodec.Decoded decode(byte[] bytes) throws IOException {
        return SnapshotCodec.read(new ByteArrayInputStream(bytes), bytes.length);
    }

    @Test
    void aSnapshotRecreatesBackendsCatalogTransactionsLabelsAndTheIdWatermark() throws IOException {
        MetadataFixture original = filled(3);
        // The fixture covers what it claims: flags, versions moved by loads, a failed replica,
        // a committed load and labels of finished ones.
        assertThat(original.backends().snapshot().backend(10_001).orElseThrow().decommissioned()).isTrue();
        PartitionDefinition partition = original.catalog().snapshot().table("db0", "t0").orElseThrow()
                .getPartitions(0);
        assertThat(partition.getVisibleVersion()).isEqualTo(3);
        assertThat(partition.getTablets(0).getReplicas(0).getLastFailedVersion()).isEqualTo(3);
        assertThat(original.catalog().snapshot().committed()).hasSize(3);
        assertThat(original.catalog().snapshot().labelUsed(
                original.catalog().snapshot().database("db1").orElseThrow().id(), "label_1_0")).isTrue();

        SnapshotCodec.Decoded decoded = decode(encode(original.dispatcher().capture()));
        MetadataFixture restored = new MetadataFixture();
        restored.dispatcher().replaySnapshot(decoded.records());

        assertThat(decoded.term()).isEqualTo(7);
        assertThat(decoded.index()).isEqualTo(1234);
        assertThat(restored.catalog().snapshot()).isEqualTo(original.catalog().snapshot());
        assertThat(restored.backends().snapshot()).isEqualTo(original.backends().snapshot());
        assertThat(restored.ids().nextId()).isEqualTo(original.ids().nextId()).isGreaterThan(10_100);
        assertThat(restored.variables().globalImage()).isEqualTo(original.variables().globalImage()).hasSize(2);
        assertThat(restored.variables().globalValue(restored.variables().definitionOrThrow("query_timeout")))
                .isEqualTo(600L);
        assertThat(restored.variables().globalValue(restored.variables().definitionOrThrow("sql_safe_updates")))
                .isEqualTo(true);
        // And the restored state goes on like the original: the next finish applies the same way.
        JournalBatch finish = MetadataFixture.batch(io.tessera.proto.journal.JournalRecord.newBuilder()
                .setFinishTransaction(io.tessera.proto.journal.FinishTransactionRecord.newBuilder()
                        .setTransactionId(3).setFinishTimeMs(9_000)).build());
        original.dispatcher().replay(finish);
        restored.dispatcher().replay(finish);
        assertThat(restored.catalog().snapshot()).isEqualTo(original.catalog().snapshot());
    }

    @Test
    void anEmptyStateRoundTrips() throws IOException {
        MetadataFixture empty = new MetadataFixture();
        MetadataFixture restored = new MetadataFixture();
        restored.dispatcher().replaySnapshot(decode(encode(empty.dispatcher().capture())).records());
        assertThat(restored.catalog().snapshot()).isEqualTo(empty.catalog().snapshot());
        assertThat(restored.ids().nextId()).isEqualTo(empty.ids().nextId());
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        byte[] bytes = encode(filled(1).dispatcher().capture());
        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> decode(truncated)).as("truncated to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
        }
    }

    @Test
    void aFlippedBitAnywhereIsRejected() throws IOException {
        byte[] bytes = encode(filled(1).dispatcher().capture());
        for (int position = 0; position < bytes.length; position += 7) {
            byte[] damaged = bytes.clone();
            damaged[position] ^= 0x10;
            assertThatThrownBy(() -> decode(damaged)).as("bit flipped at %d", position)
                    .isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
        }
    }

    @Test
    void namesWhatIsWrong() throws IOException {
        byte[] bytes = encode(filled(1).dispatcher().capture());
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThatThrownBy(() -> decode(wrongMagic)).hasMessageContaining("wrong magic");
        byte[] badCrc = bytes.clone();
        badCrc[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> decode(badCrc)).hasMessageContaining("CRC-32C mismatch");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> decode(longer)).isInstanceOf(SnapshotCodec.CorruptSnapshotException.class);
    }
}
