package io.tessera.fe.http;

import io.tessera.data.StreamLoadReply;
import java.util.Map;

/**
 * One HTTP response the FE sends, before it is put on the wire: status, extra headers, body.
 * Immutable.
 *
 * @param status      the HTTP status code
 * @param contentType the body's type
 * @param body        the body (may be empty)
 * @param headers     further headers, e.g. {@code Location}
 */
public record HttpAnswer(int status, String contentType, String body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    public HttpAnswer {
        headers = Map.copyOf(headers);
    }

    static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, JSON, body, Map.of());
    }

    /**
     * Doris's {@code RestBaseResult} failure, {@code {"status": "FAILED", "msg": ...}}, which its
     * Stream Load action answers (HTTP 200) when a check before the redirect throws.
     */
    static HttpAnswer restFailure(String message) {
        return json(200, "{\"status\": \"FAILED\", \"msg\": " + StreamLoadReply.quote(message) + "}\n");
    }

    /** Doris's REST envelope: {@code {"msg": ..., "code": ..., "data": ..., "count": 0}}. */
    static HttpAnswer rest(int status, String message, String data) {
        return json(status, "{\"msg\": " + StreamLoadReply.quote(message) + ", \"code\": " + status
                + ", \"data\": " + StreamLoadReply.quote(data) + ", \"count\": 0}\n");
    }
}
