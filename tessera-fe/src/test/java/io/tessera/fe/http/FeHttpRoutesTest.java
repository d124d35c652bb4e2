package io.tessera.fe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.ManualClock;
import io.tessera.fe.auth.AccessControl;
import io.tessera.fe.auth.Account;
import io.tessera.fe.auth.AccountName;
import io.tessera.fe.auth.Accounts;
import io.tessera.fe.auth.GrantScope;
import io.tessera.fe.auth.Privilege;
import io.tessera.fe.auth.PrivilegeGrants;
import io.tessera.fe.auth.PlainPasswordCheck;
import io.tessera.fe.catalog.CatalogSnapshot;
import io.tessera.fe.catalog.DatabaseEntry;
import io.tessera.fe.cluster.Backend;
import io.tessera.fe.cluster.BackendRegistry;
import io.tessera.fe.cluster.BackendRuntime;
import io.tessera.fe.cluster.ClusterView;
import io.tessera.fe.cluster.HostPort;
import io.tessera.proto.journal.TableDefinition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FE's HTTP answers: health, Stream Load's auth, table check and redirect, and no 100-continue. */
class FeHttpRoutesTest {
    private static final String ROOT = "Basic " + Base64.getEncoder().encodeToString("root:".getBytes(
            StandardCharsets.UTF_8));
    private static final CatalogSnapshot CATALOG = new CatalogSnapshot(Map.of("demo", new DatabaseEntry(1, "demo", 0,
            Map.of("t", TableDefinition.newBuilder().setTableId(2).setName("t").build()))), Map.of(), Map.of(),
            Map.of(), 0);

    private final Map<Long, Backend> backends = new LinkedHashMap<>();
    private final Map<Long, BackendRuntime> runtimes = new HashMap<>();
    /** The built-in accounts and {@code 'reader'@'%'} (no password), who may only SELECT from demo. */
    private static final AccessControl ACCOUNTS = new AccessControl(() -> new Accounts.Image(withReader(),
            Accounts.Image.BUILT_IN.roles()));
    private static final String READER = "Basic " + Base64.getEncoder().encodeToString("reader:".getBytes(
            StandardCharsets.UTF_8));

    private final FeHttpRoutes routes = new FeHttpRoutes(new StreamLoadRedirect(
            new PlainPasswordCheck(ACCOUNTS), ACCOUNTS, () -> CATALOG, new LoadBackendChooser(
                    ClusterView.source(() -> new BackendRegistry.Snapshot(backends, Map.<HostPort, Long>of()),
                            id -> runtimes.getOrDefault(id, BackendRuntime.NEVER_CONTACTED)),
                    (host, port) -> true, new ManualClock(0), LoadBackendChooser.DEFAULT_PROBE_VALIDITY_MS)));

    private void backend(long id, String host, boolean alive, boolean decommissioned, boolean loadDisabled) {
        backends.put(id, new Backend(id, host, 9050, Map.of("location", "default"), decommissioned, false,
                loadDisabled));
        runtimes.put(id, new BackendRuntime(9060, 8040, -1, -1, 0, 0, alive, "", "", 0, "mix", 1, 0, 0, 0, 0, 1, 0,
                0.0, 0, false));
    }

    private HttpAnswer load(String uri, String authorization) {
        return routes.answer("PUT", uri, authorization, "l1", "127.0.0.9");
    }

    @Test
    void healthAndUnknownPaths() {
        assertThat(routes.answer("GET", "/api/health", null, null, "h").body())
                .isEqualTo("{\"status\": \"OK\",\"msg\": \"To Be Added\"}");
        assertThat(routes.answer("POST", "/api/health", null, null, "h").status()).isEqualTo(405);
        assertThat(routes.answer("GET", "/api/x", null, null, "h").status()).isEqualTo(404);
        assertThat(routes.answer("GET", "/api/demo/t/_stream_load", ROOT, null, "h").status()).isEqualTo(405);
    }

    @Test
    void aBadLoginIs401() {
        HttpAnswer missing = load("/api/demo/t/_stream_load", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers()).containsKey("WWW-Authenticate");
        assertThat(missing.body()).contains("\"code\": 401")
                .contains("Access denied for user ''@'127.0.0.9' (using password: NO)");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("root:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(load("/api/demo/t/_stream_load", wrong).body())
                .contains("Access denied for user 'root'@'127.0.0.9' (using password: YES)");
    }

    private static Map<AccountName, Account> withReader() {
        Map<AccountName, Account> accounts = new HashMap<>(Accounts.Image.BUILT_IN.accounts());
        AccountName reader = new AccountName("reader", "%");
        accounts.put(reader, new Account(reader, new byte[0], "", List.of(),
                PrivilegeGrants.NONE.plus(GrantScope.database("demo"), List.of(Privilege.SELECT))));
        return accounts;
    }

    @Test
    void aUserWithoutLoadIsRefusedBeforeTheTableIsLookedUp() {
        backend(1, "127.0.0.1", true, false, false);
        for (String table : List.of("t", "no_such_table")) {
            HttpAnswer refused = load("/api/demo/" + table + "/_stream_load", READER);
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).isEqualTo("{\"status\": \"FAILED\", \"msg\": \"Access denied; you need (at least "
                    + "one of) the Admin_priv,Load_priv privilege(s) for this operation\"}\n");
        }
        assertThat(load("/api/demo/t/_stream_load", ROOT).status()).isEqualTo(307);
    }

    @Test
    void anUnknownTargetFailsInDorisShape() {
        backend(1, "127.0.0.1", true, false, false);
        HttpAnswer database = load("/api/nope/t/_stream_load", ROOT);
        assertThat(database.status()).isEqualTo(200);
        assertThat(database.body()).contains("\"Status\": \"Fail\"").contains("\"Label\": \"l1\"")
                .contains("\"Message\": \"Unknown database 'nope'\"");
        assertThat(load("/api/demo/u/_stream_load", ROOT).body())
                .contains("\"Message\": \"Unknown table 'u' in database 'demo'\"");
    }

    @Test
    void redirectsRoundRobinToBackendsThatTakeLoads() {
        backend(1, "127.0.0.1", true, false, false);
        backend(2, "127.0.0.2", false, false, false);
        backend(3, "127.0.0.3", true, true, false);
        backend(4, "127.0.0.4", true, false, true);
        backend(5, "127.0.0.5", true, false, false);
        HttpAnswer first = load("/api/demo/t/_stream_load?x=1", ROOT);
        assertThat(first.status()).isEqualTo(307);
        assertThat(first.headers()).containsEntry("Location", "http://127.0.0.1:8040/api/demo/t/_stream_load?x=1");
        assertThat(load("/api/demo/t/_stream_load", ROOT).headers())
                .containsEntry("Location", "http://127.0.0.5:8040/api/demo/t/_stream_load");
        assertThat(load("/api/demo/t/_stream_load", ROOT).headers().get("Location")).startsWith("http://127.0.0.1:");
    }

    @Test
    void noBackendToLoadIsAClearFailure() {
        backend(1, "127.0.0.1", false, false, false);
        assertThat(load("/api/demo/t/_stream_load", ROOT).body()).contains("\"Status\": \"Fail\"")
                .contains("No backend available to load");
    }

    @Test
    void theServerRedirectsBeforeTheBodyWithout100Continue() throws Exception {
        backend(1, "127.0.0.1", true, false, false);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (FeHttpServer server = new FeHttpServer(loopback, 0, routes)) {
            server.start();
            try (Socket socket = new Socket(loopback, server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("PUT /api/demo/t/_stream_load HTTP/1.1\r\nHost: x\r\nAuthorization: " + ROOT
                        + "\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 307 Temporary Redirect");
                String line;
                boolean location = false;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    location |= line.equalsIgnoreCase("location: http://127.0.0.1:8040/api/demo/t/_stream_load");
                }
                assertThat(location).isTrue();
                assertThat(in.readLine()).as("the connection closes after the redirect").isNull();
            }
        }
    }
}
