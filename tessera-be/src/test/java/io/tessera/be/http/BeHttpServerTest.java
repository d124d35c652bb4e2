package io.tessera.be.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The BE's HTTP port: Doris's health answer, 404 elsewhere, a clear message for a taken port. */
class BeHttpServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersLikeDoris() throws Exception {
        try (BeHttpServer server = new BeHttpServer(InetAddress.getByName("127.0.0.1"), 0)) {
            server.start();
            HttpResponse<String> health = send(server.port(), "GET", "/api/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\": \"OK\",\"msg\": \"To Be Added\"}");
            assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");

            assertThat(send(server.port(), "GET", "/api/nothing").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "GET", "/").statusCode()).isEqualTo(404);
            assertThat(send(server.port(), "POST", "/api/health").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aTakenPortIsReportedClearly() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (BeHttpServer first = new BeHttpServer(loopback, 0)) {
            first.start();
            int port = first.port();
            try (BeHttpServer second = new BeHttpServer(loopback, port)) {
                assertThatThrownBy(second::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("port " + port + " on 127.0.0.1 is in use by another process");
            }
        }
    }
}
