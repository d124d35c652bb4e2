package io.tessera.be.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The BE HTTP port's limits: their JDK properties, and slow clients not starving the request pool. */
class BeHttpLimitsTest {
    @Test
    void mapsToTheJdkServersProperties() {
        assertThat(new BeHttpLimits(300, 20, 4096, 3, 5).systemProperties()).isEqualTo(Map.of(
                "jdk.httpserver.maxConnections", "300",
                "sun.net.httpserver.maxReqHeaders", "40",
                "sun.net.httpserver.maxReqHeaderSize", "8192",
                "sun.net.httpserver.maxReqTime", "3",
                "sun.net.httpserver.timerMillis", "500",
                "sun.net.httpserver.idleInterval", "5"));
        assertThatThrownBy(() -> new BeHttpLimits(0, 1, 1, 1, 1))
                .hasMessage("config webserver_max_connections = 0 must be at least 1");
    }

    @Test
    void slowHeaderSendersDoNotStarveTheHealthCheck() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try (BeHttpServer server = new BeHttpServer(InetAddress.getByName("127.0.0.1"), 0)) {
            server.start();
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                slow.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/health")).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void headersOverTheLimitsGet431NamingTheLimit() throws Exception {
        BeHttpLimits limits = new BeHttpLimits(10, 3, 100, 60, 30);
        assertThat(HeaderLimitCheck.refusal(Map.of("Host", List.of("h"), "A", List.of("1")), limits)).isEmpty();
        assertThat(HeaderLimitCheck.refusal(Map.of("A", List.of("1", "2"), "B", List.of("1", "2")), limits))
                .hasValue("the request has more than 3 headers (webserver_max_header_count)");
        assertThat(HeaderLimitCheck.refusal(Map.of("Big", List.of("x".repeat(100))), limits))
                .hasValue("the request's headers are longer than 100 bytes (webserver_max_header_size)");
        try (BeHttpServer server = new BeHttpServer(InetAddress.getByName("127.0.0.1"), 0, new StreamLoadHandler(null),
                new ErrorLogHandler(null), limits)) {
            server.start();
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: h\r\nX-Big: " + "y".repeat(150)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 431").contains("webserver_max_header_size")
                        .doesNotContain("yyyy");
            }
        }
    }
}
