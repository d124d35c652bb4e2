package io.tessera.fe.http;

import io.tessera.common.ConfigValues;
import java.util.Map;

/**
 * How much the FE's HTTP port accepts from a client and for how long: the FE config keys
 * {@code jetty_server_max_http_header_size} (Doris, 1048576: bytes of all header lines of a
 * request), {@code http_max_header_count} (Tessera, 200: header lines of a request),
 * {@code http_max_initial_line_length} (Tessera, 4096: the request line), {@code http_max_connections}
 * (Tessera, 1024: open connections; past it a new one gets 503 and is closed) and
 * {@code http_request_timeout_second} (Tessera, 30: how long a connection may take to send its
 * request, headers and any body, before it is closed; the FE closes every connection after one
 * answer, so this bounds a connection's whole life).
 *
 * @param maxHeaderBytes      {@code jetty_server_max_http_header_size}
 * @param maxHeaderCount      {@code http_max_header_count}
 * @param maxInitialLineBytes {@code http_max_initial_line_length}
 * @param maxConnections      {@code http_max_connections}
 * @param requestTimeoutMs    {@code http_request_timeout_second} in milliseconds
 */
public record FeHttpLimits(int maxHeaderBytes, int maxHeaderCount, int maxInitialLineBytes, int maxConnections,
                           long requestTimeoutMs) {
    public static final int DEFAULT_MAX_HEADER_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_HEADER_COUNT = 200;
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_REQUEST_TIMEOUT_SECOND = 30;

    public FeHttpLimits {
        ConfigValues.requirePositive("jetty_server_max_http_header_size", maxHeaderBytes);
        ConfigValues.requirePositive("http_max_header_count", maxHeaderCount);
        ConfigValues.requirePositive("http_max_initial_line_length", maxInitialLineBytes);
        ConfigValues.requirePositive("http_max_connections", maxConnections);
        ConfigValues.requirePositive("requestTimeoutMs", requestTimeoutMs);
    }

    /** Doris's and Tessera's defaults. */
    public static FeHttpLimits defaults() {
        return fromConfig(Map.of());
    }

    /** The limits fe.conf gives (canonical texts, as {@code FeConfig.fileValues()} holds them), defaults for the others. */
    public static FeHttpLimits fromConfig(Map<String, String> values) {
        ConfigValues config = new ConfigValues(values);
        return new FeHttpLimits(
                config.positiveInteger("jetty_server_max_http_header_size", DEFAULT_MAX_HEADER_BYTES),
                config.positiveInteger("http_max_header_count", DEFAULT_MAX_HEADER_COUNT),
                config.positiveInteger("http_max_initial_line_length", DEFAULT_MAX_INITIAL_LINE_BYTES),
                config.positiveInteger("http_max_connections", DEFAULT_MAX_CONNECTIONS),
                config.positiveInteger("http_request_timeout_second", DEFAULT_REQUEST_TIMEOUT_SECOND) * 1000L);
    }
}
