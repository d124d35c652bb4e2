package io.tessera.be.http;

import com.sun.net.httpserver.HttpExchange;
import io.tessera.be.load.LoadErrorLogs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /api/_load_error_log?file=<name>}: a Stream Load's error log (its first bad rows and why
 * each was filtered), the address a load's {@code ErrorURL} gives. Only names the error log folder
 * makes are served, so the parameter cannot reach other files.
 *
 * <p>Threading: runs on the HTTP server's threads; stateless.
 */
public final class ErrorLogHandler {
    private final LoadErrorLogs logs;

    public ErrorLogHandler(LoadErrorLogs logs) {
        this.logs = logs;
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            HttpReplies.send(exchange, 405, HttpReplies.TEXT, "Method Not Allowed");
            return;
        }
        Optional<Path> file = logs.find(parameter(exchange.getRequestURI().getRawQuery(), "file"));
        if (file.isEmpty()) {
            HttpReplies.send(exchange, 404, HttpReplies.TEXT, "no such load error log");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", HttpReplies.TEXT);
        exchange.sendResponseHeaders(200, Files.size(file.get()));
        try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file.get(), out);
        }
    }

    static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
