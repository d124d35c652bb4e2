package io.tessera.bench.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The HTTP calls the attacks time: a health check, and a Stream Load with the real curl. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private Http() {
    }

    /** GET {@code /api/health}; the status code, or -1 when it did not answer within 30 s. */
    static int health(String host, int port) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A Stream Load of a CSV file into {@link Target#TABLE} through the FE; curl's reply. */
    static String streamLoad(Target target, Path csv, String label) throws IOException, InterruptedException {
        List<String> command = List.of("curl", "-sS", "-m", "600", "--location-trusted", "-u", "root:",
                "-H", "label:" + label, "-H", "column_separator:,", "-T", csv.toString(),
                "http://" + target.frontendHost() + ":" + Target.FE_HTTP_PORT + "/api/" + Target.DATABASE
                        + "/t/_stream_load");
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String reply = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!curl.waitFor(600, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            return "curl did not finish";
        }
        return reply;
    }

    static boolean succeeded(String reply) {
        return reply.contains("\"Status\": \"Success\"") || reply.contains("\"Status\":\"Success\"");
    }
}
