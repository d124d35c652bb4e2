package io.tessera.fe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tessera.common.ManualClock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.proto.journal.TableDefinition;
import io.tessera.testkit.ClientMessages;
import io.tessera.testkit.FuzzSettings;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the FE's HTTP port in process: raw requests ({@link HttpRequestArbitraries}), in random
 * chunks, through the real pipeline ({@link FeHttpServer#initialize}: deadline, Netty's HTTP codec,
 * connection gate, {@link FeHttpHandler} and the routes with a catalog, accounts and one live BE)
 * on an embedded channel. Properties: nothing escapes; at most one answer, with a valid status
 * and a body that shows no Java detail and no "Internal error"; the connection is closed after the
 * answer (and its body), and one that never completes its request is closed at the request
 * deadline, so no request hangs; every buffer handed to the pipeline is released (no leak). See
 * docs/fuzzing.md.
 */
@AddLifecycleHook(FuzzSettings.class)
class FeHttpFuzzTest {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static final CatalogSnapshot CATALOG = new CatalogSnapshot(Map.of("demo", new DatabaseEntry(1, "demo", 0,
            Map.of("t", TableDefinition.newBuilder().setTableId(2).setName("t").build()))), Map.of(), Map.of(),
            Map.of(), 0);
    private static final AccessControl ACCOUNTS = new AccessControl(() -> Accounts.Image.BUILT_IN);

    private final FeHttpRoutes routes = new FeHttpRoutes(new StreamLoadRedirect(new PlainPasswordCheck(ACCOUNTS),
            ACCOUNTS, () -> CATALOG, new LoadBackendChooser(ClusterView.source(
                    () -> new BackendRegistry.Snapshot(Map.of(1L, new Backend(1, "127.0.0.1", 9050,
                            Map.of("location", "default"), false, false, false)), Map.<HostPort, Long>of()),
                    id -> new BackendRuntime(9060, 8040, -1, -1, 0, 0, true, "", "", 0, "mix", 1, 0, 0, 0, 0, 1, 0,
                            0.0, 0, false)),
                    (host, port) -> true, new ManualClock(0), LoadBackendChooser.DEFAULT_PROBE_VALIDITY_MS)));

    @Provide
    Arbitrary<byte[]> requests() {
        return HttpRequestArbitraries.requests();
    }

    @Property(tries = 2000)
    void everyRequestGetsOneClearAnswerOrTheDeadline(@ForAll("requests") byte[] request,
            @ForAll("cuts") List<Integer> cuts) throws Exception {
        FeHttpServer server = new FeHttpServer(InetAddress.getLoopbackAddress(), 0, routes);
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        server.initialize(channel);
        channel.register();
        List<ByteBuf> sent = new java.util.ArrayList<>();
        try {
            int from = 0;
            for (int cut : cuts) {
                int to = Math.min(request.length, from + cut);
                if (to > from && channel.isOpen()) {
                    sent.add(Unpooled.wrappedBuffer(request, from, to - from));
                    channel.writeInbound(sent.get(sent.size() - 1));
                }
                from = to;
            }
            if (from < request.length && channel.isOpen()) {
                sent.add(Unpooled.wrappedBuffer(request, from, request.length - from));
                channel.writeInbound(sent.get(sent.size() - 1));
            }
            channel.runPendingTasks();
            channel.checkException();
            String output = drain(channel);
            Matcher status = STATUS_LINE.matcher(output);
            int answers = 0;
            while (status.find()) {
                answers++;
                assertThat(Integer.parseInt(status.group(1))).as("status in %s", output).isBetween(200, 599);
            }
            assertThat(answers).as("answers in %s", output).isLessThanOrEqualTo(1);
            Statistics.label("status").collect(answers == 0 ? "no answer" : output.substring(9, 12));
            if (answers == 1) {
                String body = output.substring(output.indexOf("\r\n\r\n") + 4);
                assertThat(ClientMessages.internalDetail(body)).as("internal detail in %s", output).isNull();
            }
            channel.advanceTimeBy(FeHttpLimits.defaults().requestTimeoutMs() + 1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            channel.runPendingTasks();
            drain(channel);
            assertThat(channel.isOpen()).as("open after the request deadline; answered: %s", output).isFalse();
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(sent).as("inbound buffers never released").allMatch(buffer -> buffer.refCnt() == 0);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 64).list().ofMaxSize(4);
    }

    private static String drain(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) message;
            text.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return text.toString();
    }
}
