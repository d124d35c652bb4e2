package io.tessera.fe.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tessera.common.ManualClock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.fe.config.ConfigKey;
import io.tessera.fe.config.ConfigKeys;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The FE HTTP port's limits, on embedded channels with Netty's manual time (no sockets, no sleeps). */
class FeHttpLimitsTest {
    private static final AccessControl ACCOUNTS = new AccessControl(() -> Accounts.Image.BUILT_IN);
    private static final FeHttpRoutes ROUTES = new FeHttpRoutes(new StreamLoadRedirect(
            new PlainPasswordCheck(ACCOUNTS), ACCOUNTS, () -> CatalogSnapshot.EMPTY, new LoadBackendChooser(
                    ClusterView.source(() -> new BackendRegistry.Snapshot(Map.of(), Map.<HostPort, Long>of()),
                            id -> BackendRuntime.NEVER_CONTACTED),
                    (host, port) -> true, new ManualClock(0), 1_000)));
    private static final FeHttpLimits SMALL = new FeHttpLimits(256, 5, 128, 2, 2_000);

    private final FeHttpServer server = new FeHttpServer(InetAddress.getLoopbackAddress(), 0, ROUTES, SMALL);
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    private EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel accepted) {
                server.initialize(accepted);
            }
        });
        channels.add(channel);
        return channel;
    }

    private static String send(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        return written(channel);
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) message;
            out.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return out.toString();
    }

    @Test
    void theConfigKeysDefaultsAreTheLimitsDefaults() {
        Map<String, String> defaults = Map.of(
                "jetty_server_max_http_header_size", defaultOf("jetty_server_max_http_header_size"),
                "http_max_header_count", defaultOf("http_max_header_count"),
                "http_max_initial_line_length", defaultOf("http_max_initial_line_length"),
                "http_max_connections", defaultOf("http_max_connections"),
                "http_request_timeout_second", defaultOf("http_request_timeout_second"));
        assertThat(FeHttpLimits.fromConfig(defaults)).isEqualTo(FeHttpLimits.defaults());
        assertThat(FeHttpLimits.defaults()).isEqualTo(new FeHttpLimits(1_048_576, 200, 4096, 1024, 30_000));
        assertThat(FeHttpLimits.fromConfig(Map.of("http_request_timeout_second", "2", "http_max_connections", "7")))
                .isEqualTo(new FeHttpLimits(1_048_576, 200, 4096, 7, 2_000));
        assertThatThrownBy(() -> new FeHttpLimits(1, 1, 1, 0, 1)).hasMessageContaining("http_max_connections");
    }

    @Test
    void aRequestWithinTheLimitsIsAnswered() {
        String answer = send(connect(), "GET /api/health HTTP/1.1\r\nHost: fe\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("\"status\": \"OK\"");
    }

    @Test
    void oversizedHeadersGet431AndTheConnectionCloses() {
        EmbeddedChannel channel = connect();
        String answer = send(channel, "GET /api/health HTTP/1.1\r\nX-Big: " + "a".repeat(300) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large")
                .contains("jetty_server_max_http_header_size").doesNotContain("aaaa");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void tooManyHeadersGet431() {
        EmbeddedChannel channel = connect();
        StringBuilder request = new StringBuilder("GET /api/health HTTP/1.1\r\n");
        for (int i = 0; i < 6; i++) {
            request.append("X-").append(i).append(": v\r\n");
        }
        assertThat(send(channel, request.append("\r\n").toString())).startsWith("HTTP/1.1 431")
                .contains("more than 5 headers (http_max_header_count)");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aLongRequestLineGets414AndGarbageGets400() {
        assertThat(send(connect(), "GET /" + "p".repeat(200) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414");
        assertThat(send(connect(), "GET /api/health HTTP/1.1\r\nno colon here\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void aSlowClientIsClosedAtTheRequestTimeoutThoughNeverIdle() {
        EmbeddedChannel channel = connect();
        String request = "GET /api/health HTTP/1.1\r\n";
        for (int i = 0; i < 19; i++) {
            channel.writeInbound(Unpooled.copiedBuffer(request.substring(i, i + 1), StandardCharsets.ISO_8859_1));
            channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertThat(channel.isOpen()).isTrue();
        }
        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(written(channel)).isEmpty();
    }

    @Test
    void connectionsPastTheCapGet503AndFreeTheirPlaceWhenClosed() {
        EmbeddedChannel first = connect();
        connect();
        EmbeddedChannel third = connect();
        assertThat(written(third)).startsWith("HTTP/1.1 503 Service Unavailable")
                .contains("Too many HTTP connections: http_max_connections is 2");
        assertThat(third.isOpen()).isFalse();
        assertThat(server.openConnections()).isEqualTo(2);
        first.close();
        assertThat(server.openConnections()).isEqualTo(1);
        assertThat(send(connect(), "GET /api/health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    private static String defaultOf(String key) {
        return ConfigKeys.find(key).map(ConfigKey::defaultValue).orElseThrow();
    }
}
