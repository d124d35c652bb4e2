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
                "sun.net.httpserver.maxReqHeaders", "20",
                "sun.net.httpserver.maxReqHeaderSize", "4096",
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
}
