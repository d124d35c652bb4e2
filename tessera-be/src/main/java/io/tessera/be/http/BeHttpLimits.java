package io.tessera.be.http;

import io.tessera.common.ConfigValues;
import java.util.Map;

/**
 * How much the BE's HTTP port ({@code webserver_port}) accepts and for how long, from be.conf
 * (all keys Tessera's; Doris's BE web server has none of them):
 * {@code webserver_max_connections} (1024: open connections; the JDK server closes a connection
 * accepted past it at once, and the request pool has as many threads, so slow clients short of
 * the cap never leave a request waiting for a thread), {@code webserver_max_header_count} (200),
 * {@code webserver_max_header_size} (1048576 bytes, as the FE's
 * {@code jetty_server_max_http_header_size}), {@code webserver_request_timeout_second} (600, Doris's
 * default Stream Load timeout: how long a request, its headers and its body, may take to arrive
 * before the connection is closed) and {@code webserver_idle_timeout_second} (30: how long an idle
 * keep-alive connection is kept).
 *
 * <p>The JDK's server reads these as system properties once per process, when its first server
 * starts ({@link #systemProperties()}); the BE's main sets them before anything else.
 *
 * @param maxConnections         {@code webserver_max_connections}
 * @param maxHeaderCount         {@code webserver_max_header_count}
 * @param maxHeaderBytes         {@code webserver_max_header_size}
 * @param requestTimeoutSeconds  {@code webserver_request_timeout_second}
 * @param idleTimeoutSeconds     {@code webserver_idle_timeout_second}
 */
public record BeHttpLimits(int maxConnections, int maxHeaderCount, int maxHeaderBytes, int requestTimeoutSeconds,
                           int idleTimeoutSeconds) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 200;
    public static final int DEFAULT_MAX_HEADER_BYTES = 1_048_576;
    public static final int DEFAULT_REQUEST_TIMEOUT_SECOND = 600;
    public static final int DEFAULT_IDLE_TIMEOUT_SECOND = 30;
    /** How often the JDK server looks for requests past their time: a slow one closes at most this late. */
    static final int TIMEOUT_CHECK_MS = 500;

    public BeHttpLimits {
        ConfigValues.requirePositive("webserver_max_connections", maxConnections);
        ConfigValues.requirePositive("webserver_max_header_count", maxHeaderCount);
        ConfigValues.requirePositive("webserver_max_header_size", maxHeaderBytes);
        ConfigValues.requirePositive("webserver_request_timeout_second", requestTimeoutSeconds);
        ConfigValues.requirePositive("webserver_idle_timeout_second", idleTimeoutSeconds);
    }

    public static BeHttpLimits defaults() {
        return new BeHttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_REQUEST_TIMEOUT_SECOND, DEFAULT_IDLE_TIMEOUT_SECOND);
    }

    /**
     * The JDK 17 server's system properties for these limits ({@code sun.net.httpserver.ServerConfig}):
     * {@code jdk.httpserver.maxConnections}; {@code sun.net.httpserver.maxReqHeaders} and
     * {@code maxReqHeaderSize} at twice the limits, a backstop (past them the JDK drops the connection
     * without an answer; within them {@link HeaderLimitCheck} answers 431); {@code maxReqTime} (seconds; the clock starts when a connection is
     * accepted or an idle one becomes readable and stops when the answer's headers are sent, so it
     * bounds slow header senders and slow bodies alike); {@code timerMillis} (how often that is
     * checked); {@code idleInterval} (seconds idle before a keep-alive connection is closed).
     */
    public Map<String, String> systemProperties() {
        return Map.of(
                "jdk.httpserver.maxConnections", Integer.toString(maxConnections),
                "sun.net.httpserver.maxReqHeaders", Long.toString(2L * maxHeaderCount),
                "sun.net.httpserver.maxReqHeaderSize", Long.toString(Math.min(Integer.MAX_VALUE, 2L * maxHeaderBytes)),
                "sun.net.httpserver.maxReqTime", Integer.toString(requestTimeoutSeconds),
                "sun.net.httpserver.timerMillis", Integer.toString(TIMEOUT_CHECK_MS),
                "sun.net.httpserver.idleInterval", Integer.toString(idleTimeoutSeconds));
    }

    /** Sets {@link #systemProperties()}: call before the process's first JDK HTTP server starts. */
    public void applyToJdkServer() {
        systemProperties().forEach(System::setProperty);
    }
}
