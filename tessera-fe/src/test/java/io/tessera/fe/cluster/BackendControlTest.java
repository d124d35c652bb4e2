package io.tessera.fe.cluster;

import java.time.ZoneOffset;
import io.tessera.fe.session.SystemVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.TesseraException;
import io.tessera.fe.meta.IdGenerator;
import io.tessera.fe.meta.MetadataWriter;
import io.tessera.fe.meta.LocalJournal;
import io.tessera.fe.meta.ReplayDispatcher;
import io.tessera.fe.meta.WriteOperation;
import io.tessera.proto.journal.JournalRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Generates backend records, replays them through the real writer and journal, and asserts on the
 * registry: the generate/replay split as a test.
 */
class BackendControlTest {
    private final IdGenerator ids = new IdGenerator();
    private final BackendRegistry registry = new BackendRegistry();
    private final MetadataWriter writer = new MetadataWriter(ids, new LocalJournal(new ReplayDispatcher(java.util.List.of(ids, registry, new io.tessera.fe.catalog.Catalog(), new SystemVariables(ZoneOffset.UTC)))));
    private final BackendControl control = new BackendControl(registry);

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void addAllocatesIdsFromTenThousandWithTheDefaultLocation() {
        add("127.0.0.1:9050", "127.0.0.2:9050", "127.0.0.3:9050");
        assertThat(registry.snapshot().backends()).extracting(Backend::id).containsExactly(10000L, 10001L, 10002L);
        Backend first = registry.snapshot().backend(10000).orElseThrow();
        assertThat(first.hostPort()).isEqualTo(new HostPort("127.0.0.1", 9050));
        assertThat(first.tags()).containsExactly(Map.entry("location", "default"));
        assertThat(first.decommissioned()).isFalse();
        assertThat(ids.nextId()).isEqualTo(10003L);
    }

    @Test
    void addRefusesExistingAndRepeatedEntriesAndAddsNothing() {
        add("127.0.0.1:9050");
        assertFails(writeOf(allocator -> control.generateAdd(parse("127.0.0.2:9050", "127.0.0.1:9050"),
                defaultTags(), allocator)), "Same backend already exists[127.0.0.1:9050]");
        assertFails(writeOf(allocator -> control.generateAdd(parse("127.0.0.5:9050", "127.0.0.5:9050"),
                defaultTags(), allocator)), "Same backend already exists[127.0.0.5:9050]");
        assertFails(writeOf(allocator -> control.generateAdd(parse("10001"), defaultTags(), allocator)),
                "ADD BACKEND needs host:heartbeat_port: '10001'");
        assertThat(registry.snapshot().backends()).hasSize(1);
        assertThat(ids.nextId()).isEqualTo(10001L);
    }

    @Test
    void droppIsAllOrNothingAndAcceptsMixedAndRepeatedEntries() {
        add("127.0.0.1:9050", "127.0.0.2:9050", "127.0.0.3:9050");
        assertFails(writeOf(a -> control.generateDrop(parse("127.0.0.1:9050", "127.0.0.9:9050"))),
                "backend does not exists[127.0.0.9:9050]");
        assertFails(writeOf(a -> control.generateDrop(parse("10000", "20000"))), "backend does not exists[20000]");
        assertThat(registry.snapshot().backends()).hasSize(3);

        run(a -> control.generateDrop(parse("127.0.0.1:9050", "10001", "10000")));
        assertThat(registry.snapshot().backends()).extracting(Backend::id).containsExactly(10002L);
    }

    @Test
    void reAddingADroppedHostPortGivesANewId() {
        add("127.0.0.1:9050");
        run(a -> control.generateDrop(parse("127.0.0.1:9050")));
        add("127.0.0.1:9050");
        assertThat(registry.snapshot().backends()).extracting(Backend::id).containsExactly(10001L);
    }

    @Test
    void decommissionAndCancelSetAndClearTheFlag() {
        add("127.0.0.1:9050", "127.0.0.2:9050");
        assertFails(writeOf(a -> control.generateDecommission(parse("127.0.0.9:9050"))),
                "Backend does not exist[127.0.0.9:9050]");
        assertFails(writeOf(a -> control.generateDecommission(parse("777"))),
                "Backend does not exist, backend id is 777");
        assertFails(writeOf(a -> control.generateCancelDecommission(parse("777"))), "Backend does not exist[777]");

        run(a -> control.generateDecommission(parse("10000", "127.0.0.1:9050")));
        assertThat(registry.snapshot().backend(10000).orElseThrow().decommissioned()).isTrue();
        assertThat(control.generateDecommission(parse("10000")).records()).isEmpty();

        run(a -> control.generateCancelDecommission(parse("127.0.0.1:9050", "10001")));
        assertThat(registry.snapshot().backends()).noneMatch(Backend::decommissioned);
    }

    @Test
    void decommissionAdmissionSeesOnlyTheBackendsNotDecommissionedYetAndCanRefuse() {
        add("127.0.0.1:9050", "127.0.0.2:9050", "127.0.0.3:9050");
        run(a -> control.generateDecommission(parse("10000")));
        List<List<Long>> seen = new java.util.ArrayList<>();
        run(a -> control.generateDecommission(parse("10002", "10000", "127.0.0.2:9050", "10002"),
                leaving -> seen.add(leaving.stream().map(Backend::id).toList())));
        assertThat(seen).containsExactly(List.of(10002L, 10001L));
        assertThat(control.generateDecommission(parse("10001"), leaving -> seen.add(List.of())).records()).isEmpty();
        assertThat(seen).hasSize(1);

        run(a -> control.generateCancelDecommission(parse("10001", "10002")));
        assertFails(writeOf(a -> control.generateDecommission(parse("10001"), leaving -> {
            throw new TesseraException("refused");
        })), "refused");
        assertThat(registry.snapshot().backend(10001).orElseThrow().decommissioned()).isFalse();
    }

    @Test
    void modifyReplacesTagsAndSetsSwitches() {
        add("127.0.0.1:9050");
        BackendModification modification = BackendModification.parse(
                Map.of("disable_query", "true", "disable_load", "false"));
        run(a -> control.generateModify(parse("10000"), modification));
        Backend backend = registry.snapshot().backend(10000).orElseThrow();
        assertThat(backend.queryDisabled()).isTrue();
        assertThat(backend.loadDisabled()).isFalse();

        run(a -> control.generateModify(parse("127.0.0.1:9050"),
                BackendModification.parse(Map.of("tag.location", "zone_a"))));
        assertThat(registry.snapshot().backend(10000).orElseThrow().tags())
                .containsExactly(Map.entry("location", "zone_a"));
        assertThat(control.generateModify(parse("10000"),
                BackendModification.parse(Map.of("tag.location", "zone_a"))).records()).isEmpty();
    }

    @Test
    void modifyValidatesProperties() {
        assertThatThrownBy(() -> BackendModification.parse(Map.of("tag.zone", "a")))
                .hasMessage("Backend must have location type tag. Eg: 'tag.location' = 'xxx'.");
        assertThatThrownBy(() -> BackendModification.parse(new java.util.LinkedHashMap<>(
                Map.of("colour", "red"))))
                .hasMessage("unknown properties setting for key (colour)");
        assertThatThrownBy(() -> BackendModification.parse(Map.of("tag.location", "1bad")))
                .hasMessage("Invalid tag value format: 1bad");
        assertThatThrownBy(() -> BackendModification.parse(Map.of("tag.Bad", "x")))
                .hasMessage("Invalid tag type format: Bad");
    }

    @Test
    void replayRefusesContradictions() {
        add("127.0.0.1:9050");
        JournalRecord duplicate = control.generateAdd(parse("127.0.0.2:9050"), defaultTags(),
                new io.tessera.fe.meta.IdAllocatorForTests(10000).allocator()).records().get(0);
        ReplayDispatcher dispatcher = new ReplayDispatcher(java.util.List.of(ids, registry, new io.tessera.fe.catalog.Catalog(), new SystemVariables(ZoneOffset.UTC)));
        assertThatThrownBy(() -> dispatcher.replay(duplicate)).isInstanceOf(IllegalStateException.class);
    }

    private void add(String... entries) {
        run(allocator -> control.generateAdd(parse(entries), defaultTags(), allocator));
    }

    private void run(WriteOperation<Void> operation) {
        writer.submit(operation).join();
    }

    private Runnable writeOf(WriteOperation<Void> operation) {
        return () -> run(operation);
    }

    private static void assertFails(Runnable action, String message) {
        assertThatThrownBy(action::run)
                .satisfies(e -> {
                    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                    assertThat(cause).isInstanceOf(TesseraException.class).hasMessage(message);
                });
    }

    private static List<BackendIdentifier> parse(String... entries) {
        return BackendIdentifierParser.parseAll(List.of(entries));
    }

    private static Map<String, String> defaultTags() {
        return BackendTags.withDefaultLocation(Map.of());
    }
}
