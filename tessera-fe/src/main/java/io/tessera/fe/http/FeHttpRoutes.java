package io.tessera.fe.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What the FE's HTTP port answers, decided from the request line and headers alone (the body is
 * never needed): {@code GET /api/health} as Doris answers it, {@code PUT
 * /api/{db}/{table}/_stream_load} through {@link StreamLoadRedirect}, 404 for anything else.
 *
 * <p>Threading: thread-safe and stateless apart from its collaborators.
 */
public final class FeHttpRoutes {
    static final String HEALTH_BODY = "{\"status\": \"OK\",\"msg\": \"To Be Added\"}";
    private static final String STREAM_LOAD = "_stream_load";

    private final StreamLoadRedirect streamLoad;

    public FeHttpRoutes(StreamLoadRedirect streamLoad) {
        this.streamLoad = streamLoad;
    }

    /**
     * @param method        the request method
     * @param uri           the request target as sent (path and query)
     * @param authorization the {@code Authorization} header, or null
     * @param label         the {@code label} header, or null
     * @param remoteHost    the client's address
     */
    public HttpAnswer answer(String method, String uri, String authorization, String label, String remoteHost) {
        String path;
        try {
            path = new URI(uri).getPath();
        } catch (URISyntaxException e) {
            return HttpAnswer.rest(400, "Bad Request", "malformed request target: " + uri);
        }
        if (path == null) {
            return HttpAnswer.rest(400, "Bad Request", "malformed request target: " + uri);
        }
        if (path.equals("/api/health")) {
            return "GET".equals(method) ? HttpAnswer.json(200, HEALTH_BODY)
                    : HttpAnswer.rest(405, "Method Not Allowed", "use GET");
        }
        String[] parts = path.split("/", -1);
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("api") && parts[4].equals(STREAM_LOAD)
                && !parts[2].isEmpty() && !parts[3].isEmpty()) {
            if (!"PUT".equals(method)) {
                return HttpAnswer.rest(405, "Method Not Allowed", "Stream Load takes PUT");
            }
            return streamLoad.answer(parts[2], parts[3], uri, authorization, label, remoteHost);
        }
        return HttpAnswer.rest(404, "Not Found", "no such path: " + path);
    }
}
