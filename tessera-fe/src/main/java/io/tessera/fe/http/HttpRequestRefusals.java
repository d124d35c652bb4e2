package io.tessera.fe.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Optional;

/**
 * The FE's answer to a request it will not route: headers over
 * {@code jetty_server_max_http_header_size} or {@code http_max_header_count} get
 * {@code 431 Request Header Fields Too Large}, a request line over
 * {@code http_max_initial_line_length} {@code 414 URI Too Long}, anything else the codec could not
 * read {@code 400 Bad Request}; the caller closes the connection after it. The texts name the limit,
 * never the client's bytes.
 *
 * <p>Threading: stateless.
 */
final class HttpRequestRefusals {
    private HttpRequestRefusals() {
    }

    /** The refusal of {@code request}, or empty when it may be routed. */
    static Optional<HttpAnswer> of(HttpRequest request, int maxHeaderCount) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpHeaderException) {
                return Optional.of(HttpAnswer.rest(431, "Request Header Fields Too Large",
                        "the request's headers are longer than jetty_server_max_http_header_size"));
            }
            if (cause instanceof TooLongHttpLineException) {
                return Optional.of(HttpAnswer.rest(414, "URI Too Long",
                        "the request line is longer than http_max_initial_line_length"));
            }
            if (cause instanceof TooLongFrameException) {
                return Optional.of(HttpAnswer.rest(431, "Request Header Fields Too Large",
                        "the request is larger than the HTTP limits allow"));
            }
            return Optional.of(HttpAnswer.rest(400, "Bad Request", "malformed HTTP request"));
        }
        if (request.headers().size() > maxHeaderCount) {
            return Optional.of(HttpAnswer.rest(431, "Request Header Fields Too Large",
                    "the request has more than " + maxHeaderCount + " headers (http_max_header_count)"));
        }
        return Optional.empty();
    }
}
