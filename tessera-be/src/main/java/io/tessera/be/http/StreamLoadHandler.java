package io.tessera.be.http;

import com.sun.net.httpserver.HttpExchange;
import io.tessera.be.load.StreamLoadExecutor;
import io.tessera.be.load.StreamLoadOptions;
import io.tessera.be.load.StreamLoadRequest;
import io.tessera.common.BasicCredentials;
import io.tessera.data.StreamLoadReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * {@code PUT /api/{db}/{table}/_stream_load} on the backend: reads the load's headers and Basic
 * auth, hands the body (as a stream, as it arrives) to the {@link StreamLoadExecutor}, and answers
 * with Doris's JSON. A request whose headers are wrong is refused before any data is read. The
 * JDK's server answers {@code Expect: 100-continue} itself.
 *
 * <p>Threading: runs on the HTTP server's threads, one load per thread.
 */
public final class StreamLoadHandler {
    private final StreamLoadExecutor executor;

    public StreamLoadHandler(StreamLoadExecutor executor) {
        this.executor = executor;
    }

    void handle(HttpExchange exchange, String database, String table) throws IOException {
        InputStream body = exchange.getRequestBody();
        String label = exchange.getRequestHeaders().getFirst("label");
        if (!"PUT".equals(exchange.getRequestMethod())) {
            HttpReplies.drain(body);
            exchange.getResponseHeaders().set("Allow", "PUT");
            HttpReplies.send(exchange, 405, HttpReplies.JSON,
                    StreamLoadReply.failure(label == null ? "" : label, "Stream Load takes PUT").toJson());
            return;
        }
        StreamLoadOptions options;
        try {
            options = StreamLoadOptions.parse(name -> exchange.getRequestHeaders().getFirst(name));
        } catch (IllegalArgumentException e) {
            HttpReplies.drain(body);
            HttpReplies.send(exchange, 200, HttpReplies.JSON,
                    StreamLoadReply.failure(label == null ? "" : label, e.getMessage()).toJson());
            return;
        }
        BasicCredentials credentials = BasicCredentials.parse(exchange.getRequestHeaders().getFirst("Authorization"))
                .orElse(new BasicCredentials("", ""));
        InetSocketAddress local = exchange.getLocalAddress();
        String errorUrlPrefix = "http://" + hostForUrl(local.getAddress().getHostAddress()) + ":" + local.getPort()
                + BeHttpServer.ERROR_LOG_PATH + "?file=";
        StreamLoadReply reply = executor.run(new StreamLoadRequest(database, table, credentials.user(), credentials.password(),
                exchange.getRemoteAddress().getAddress().getHostAddress(), options, body, errorUrlPrefix));
        HttpReplies.drain(body);
        HttpReplies.send(exchange, 200, HttpReplies.JSON, reply.toJson());
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
