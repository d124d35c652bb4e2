package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterIdentityStoreTest {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @TempDir
    Path home;

    @Test
    void firstStartCreatesARandomIdentityInDorisFormat() throws IOException {
        Path metaDir = home.resolve("meta");
        ClusterIdentity identity = new ClusterIdentityStore(metaDir, () -> new Random(42)).loadOrCreate();

        assertThat(identity.clusterId()).isBetween(1L, (long) Integer.MAX_VALUE);
        assertThat(identity.token()).matches(UUID_SHAPE);
        assertThat(Files.readAllLines(metaDir.resolve("VERSION")))
                .containsExactly("clusterId=" + identity.clusterId(), "token=" + identity.token());
        try (var files = Files.list(metaDir)) {
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("VERSION");
        }
    }

    @Test
    void theSameSeedGivesTheSameIdentityAndAnotherSeedAnother() {
        ClusterIdentity a = ClusterIdentityStore.newIdentity(new Random(7));
        ClusterIdentity b = ClusterIdentityStore.newIdentity(new Random(7));
        ClusterIdentity c = ClusterIdentityStore.newIdentity(new Random(8));

        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void laterStartsReadTheSameIdentityWithoutAskingForRandomness() {
        Path metaDir = home.resolve("meta");
        ClusterIdentity created = new ClusterIdentityStore(metaDir, () -> new Random(1)).loadOrCreate();
        AtomicInteger randomAsked = new AtomicInteger();

        ClusterIdentity reread = new ClusterIdentityStore(metaDir, () -> {
            randomAsked.incrementAndGet();
            return new Random(2);
        }).loadOrCreate();

        assertThat(reread).isEqualTo(created);
        assertThat(randomAsked).hasValue(0);
    }

    @Test
    void readsADorisVersionFileWithCommentsAndOtherKeys() throws IOException {
        Files.writeString(home.resolve("VERSION"),
                "#Mon Mar 02 10:00:00 CST 2026\nclusterId=1234567\ntoken=abc-def\nrunMode=LOCAL\n");

        ClusterIdentity identity = new ClusterIdentityStore(home, () -> new Random(1)).loadOrCreate();

        assertThat(identity).isEqualTo(new ClusterIdentity(1234567, "abc-def"));
    }

    @Test
    void aCorruptFileIsAnErrorNamingTheFileNeverANewIdentity() throws IOException {
        Path file = home.resolve("VERSION");
        for (String content : new String[] {"", "clusterId=12\n", "token=t\n", "clusterId=abc\ntoken=t\n",
                "clusterId=0\ntoken=t\n", "clusterId=99999999999\ntoken=t\n", "garbage without equals\n",
                "clusterId=1\nclusterId=2\ntoken=t\n", "clusterId=1\ntoken=\n"}) {
            Files.writeString(file, content, StandardCharsets.UTF_8);

            assertThatThrownBy(() -> new ClusterIdentityStore(home, () -> new Random(1)).loadOrCreate())
                    .as("content %s", content)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corrupt cluster identity file " + file);
            assertThat(Files.readString(file)).isEqualTo(content);
        }
    }
}
