package io.tessera.be.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a request's headers against {@code webserver_max_header_count} and
 * {@code webserver_max_header_size} before it is routed, so the client gets
 * {@code 431 Request Header Fields Too Large} naming the limit. The JDK server's own limits are set
 * to twice these ({@link BeHttpLimits#systemProperties()}) as a backstop: past them it drops the
 * connection without an answer, which a client cannot tell from a crash.
 *
 * <p>Threading: stateless.
 */
final class HeaderLimitCheck {
    private HeaderLimitCheck() {
    }

    /** The refusal's text, or empty when the headers are within the limits. */
    static Optional<String> refusal(Map<String, List<String>> headers, BeHttpLimits limits) {
        long count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + value.length() + 4;
            }
        }
        if (count > limits.maxHeaderCount()) {
            return Optional.of("the request has more than " + limits.maxHeaderCount()
                    + " headers (webserver_max_header_count)");
        }
        if (bytes > limits.maxHeaderBytes()) {
            return Optional.of("the request's headers are longer than " + limits.maxHeaderBytes()
                    + " bytes (webserver_max_header_size)");
        }
        return Optional.empty();
    }
}
