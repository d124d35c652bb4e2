package io.tessera.fe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadBackendChooserTest {
    private final Map<Long, Backend> backends = new LinkedHashMap<>();
    private final Map<Long, BackendRuntime> runtimes = new HashMap<>();
    private final Set<String> answering = new HashSet<>();
    private final List<String> probed = new ArrayList<>();
    private final ManualClock clock = new ManualClock(0);
    private final LoadBackendChooser chooser = new LoadBackendChooser(
            ClusterView.source(() -> new BackendRegistry.Snapshot(backends, Map.<HostPort, Long>of()),
                    id -> runtimes.getOrDefault(id, BackendRuntime.NEVER_CONTACTED)),
            (host, port) -> {
                probed.add(host + ":" + port);
                return answering.contains(host);
            }, clock, 1_000);

    private void backend(long id, String host) {
        backends.put(id, new Backend(id, host, 9050, Map.of("location", "default"), false, false, false));
        runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 0, 0, true, "", "", 0, "mix", 1, 0, 0, 0, 0, 1, 0,
                0.0, 0, false));
    }

    private Optional<Long> chosen() {
        return chooser.next().map(LoadBackendChooser.Target::backendId);
    }

    @Test
    void skipsABackendWhoseHttpPortDoesNotAnswer() {
        backend(1, "127.0.0.1");
        backend(2, "127.0.0.2");
        answering.add("127.0.0.2");
        assertThat(chosen()).contains(2L);
        assertThat(chosen()).contains(2L);
        assertThat(chosen()).contains(2L);
    }

    @Test
    void probesEachBackendOncePerValidityPeriodOnTheClock() {
        backend(1, "127.0.0.1");
        backend(2, "127.0.0.2");
        answering.add("127.0.0.1");
        answering.add("127.0.0.2");
        for (int i = 0; i < 10; i++) {
            assertThat(chosen()).isPresent();
        }
        assertThat(probed).containsExactly("127.0.0.1:8040", "127.0.0.2:8040");
        answering.remove("127.0.0.1");
        assertThat(chosen()).contains(1L);
        clock.advance(1_000, TimeUnit.MILLISECONDS);
        assertThat(chosen()).contains(2L);
        assertThat(chosen()).contains(2L);
        answering.add("127.0.0.1");
        clock.advance(1_000, TimeUnit.MILLISECONDS);
        assertThat(List.of(chosen().orElseThrow(), chosen().orElseThrow())).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void noneAnsweringIsAClearRefusalAtOnce() {
        backend(1, "127.0.0.1");
        LoadBackendChooser.Choice choice = chooser.choose();
        assertThat(choice.target()).isEmpty();
        assertThat(choice.refusal()).isEqualTo("No backend available to load: the HTTP port (webserver_port) of "
                + "every one of the 1 backends that may take a load is not answering");
        backends.clear();
        assertThat(chooser.choose().refusal())
                .isEqualTo("No backend available to load: every backend is dead, decommissioned or has disable_load set");
    }

    @Test
    void aMovedPortIsProbedAgainAtOnce() {
        backend(1, "127.0.0.1");
        assertThat(chosen()).isEmpty();
        answering.add("127.0.0.1");
        runtimes.put(1L, new BackendRuntime(9060, 8041, -1, -1, 0, 0, true, "", "", 0, "mix", 1, 0, 0, 0, 0, 1, 0,
                0.0, 0, false));
        assertThat(chosen()).contains(1L);
    }

    @Test
    void tcpProbeTellsAListeningPortFromAClosedOne() throws Exception {
        HttpPortProbe probe = HttpPortProbe.tcpConnect(2_000);
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(probe.answers("127.0.0.1", listening.getLocalPort())).isTrue();
            closedPort = listening.getLocalPort();
        }
        assertThat(probe.answers("127.0.0.1", closedPort)).isFalse();
        assertThat(probe.answers("127.0.0.1", -1)).isFalse();
    }
}
