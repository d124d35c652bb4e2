package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.cli.FrontendClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP ports under slow and malformed clients (issue 15 item 4), on an FE and one BE on
 * 127.0.78.x: 200 clients trickling a header a byte at a time do not stop {@code /api/health} on
 * either port nor a Stream Load, and are closed once the (short, for the test) request timeouts
 * pass; oversized headers get 431 from both.
 */
class HttpLimitsTest {
    private static final int SLOW_CLIENTS_PER_PORT = 100;
    private static final int REQUEST_TIMEOUT_SECOND = 8;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ClusterFixture fixture;
    private static FrontendClient client;
    private static String feHost;
    private static String beHost;

    @BeforeAll
    static void up() throws Exception {
        fixture = ClusterFixture.start(TestAddresses.HTTP_LIMITS_PREFIX, 1, ClusterFixture.FE_JVM, ClusterFixture.BE_JVM,
                Map.of("http_request_timeout_second", Integer.toString(REQUEST_TIMEOUT_SECOND),
                        "webserver_request_timeout_second", Integer.toString(REQUEST_TIMEOUT_SECOND),
                        "jetty_server_max_http_header_size", "8192",
                        "webserver_max_header_size", "8192"));
        client = fixture.client();
        feHost = fixture.layout().frontendHost();
        beHost = fixture.layout().backendHost(0);
        client.execute("CREATE DATABASE demo");
        client.execute("CREATE TABLE demo.t (id BIGINT NOT NULL, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) "
                + "BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }

    @AfterAll
    static void down() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void slowClientsDoNotTakeThePortsAndAreClosedAfterTheTimeout() throws Exception {
        List<Socket> slow = new ArrayList<>();
        String partial = "PUT /api/demo/t/_stream_load HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        try {
            for (int i = 0; i < SLOW_CLIENTS_PER_PORT; i++) {
                slow.add(startSlow(feHost, 8030, partial));
                slow.add(startSlow(beHost, 8040, partial));
            }
            // One more header byte each, so none of them is idle: they trickle, never finishing.
            trickle(slow);
            assertThat(Curl.get("http://" + feHost + ":8030/api/health")).contains("\"status\": \"OK\"");
            assertThat(Curl.get("http://" + beHost + ":8040/api/health")).contains("\"status\": \"OK\"");
            trickle(slow);
            Path file = Files.createTempFile(fixture.dir(), "rows", ".csv");
            Files.writeString(file, "1,10\n2,20\n3,30\n");
            LinkedHashMap<String, Object> reply = Curl.streamLoad("http://" + feHost + ":8030/api/demo/t/_stream_load",
                    file.toString(), "label:slow_1", "column_separator:,");
            assertThat(reply).containsEntry("Status", "Success").containsEntry("NumberLoadedRows", 3);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                trickle(slow);
                assertThat(slow.stream().filter(HttpLimitsTest::closedByPeer).count()).isEqualTo(slow.size());
            });
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(client.rows("SELECT COUNT(*) AS c FROM demo.t").get(0)).containsEntry("c", "3");
    }

    @Test
    void oversizedHeadersGet431FromBothPorts() throws Exception {
        String request = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
        assertThat(exchange(feHost, 8030, request)).startsWith("HTTP/1.1 431").contains("jetty_server_max_http_header_size");
        // The BE answers 431 up to twice webserver_max_header_size; past that the JDK server drops the
        // connection unanswered (the documented backstop).
        String overBeLimit = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(12_000) + "\r\n\r\n";
        assertThat(exchange(beHost, 8040, overBeLimit)).startsWith("HTTP/1.1 431").contains("webserver_max_header_size");
        assertThat(answerOrDropped(beHost, 8040, request)).doesNotContain("200 OK");
        assertThat(Curl.get("http://" + beHost + ":8040/api/health")).contains("\"status\": \"OK\"");
    }

    private static Socket startSlow(String host, int port, String partial) throws IOException {
        Socket socket = new Socket(host, port);
        socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Sends one more header byte on every slow connection the server has not closed. */
    private static void trickle(List<Socket> slow) {
        for (Socket socket : slow) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write('a');
                out.flush();
            } catch (IOException closed) {
                // the server closed it: what the test waits for
            }
        }
    }

    /** True when the server closed the connection (end of stream or reset); false while it waits. */
    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            while (true) {
                int read = in.read();
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** The answer, or "" when the server dropped the connection (end of stream or reset). */
    private static String answerOrDropped(String host, int port, String request) {
        try {
            return exchange(host, port, request);
        } catch (IOException dropped) {
            return "";
        }
    }

    private static String exchange(String host, int port, String request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readNBytes(4096);
            return new String(answer, StandardCharsets.UTF_8);
        }
    }
}
