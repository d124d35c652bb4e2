package io.tessera.fe.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of raw HTTP/1.x requests for the fuzz properties: methods (odd ones included), paths
 * (Stream Load and health, traversal, percent-encoded and broken escapes, absolute and asterisk
 * forms, long ones), versions, headers (Basic auth good and broken, Content-Length and
 * Transfer-Encoding lies, Expect, Stream Load headers, junk) and a body; each maybe mutated (cut
 * short, a byte changed, junk inserted). As bytes, so the server's own HTTP decoder is fuzzed too.
 *
 * <p>Threading: stateless; arbitraries are immutable.
 */
public final class HttpRequestArbitraries {
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "HEAD", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT", "get", "PUT ", "G\u0000T", "", "PROPFIND");
    private static final List<String> PATHS = List.of("/api/health", "/api/demo/t/_stream_load",
            "/api/demo/missing/_stream_load", "/api/nodb/t/_stream_load", "/api//t/_stream_load", "/api/demo//_stream_load",
            "/api/demo/t/_stream_load?x=1", "/api/demo/t/_stream_load/../../health", "/../../etc/passwd",
            "/api/%2e%2e/%2e%2e/etc/passwd", "/api/%2Fdemo/t/_stream_load", "/api/de%00mo/t/_stream_load", "/api/%zz",
            "/api/%", "/api/demo/t/_stream_load#frag", "*", "http://evil.example/api/health", "//api/health", "/",
            "", "/api/_load_error_log?file=../../../etc/passwd", "/api/" + "a".repeat(3000), "/api/d\u00e9mo/t/_stream_load",
            "/api/demo/t%20x/_stream_load", "/api/demo/t/_stream_load%3F", "/API/HEALTH", "/api/health/");
    private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1",
            "http/1.1", "", "HTTP/1.1 extra");
    private static final String ROOT = "Basic " + Base64.getEncoder().encodeToString("root:".getBytes(
            StandardCharsets.UTF_8));
    private static final List<String> HEADERS = List.of("Authorization: " + ROOT, "Authorization: Basic",
            "Authorization: Basic !!!notbase64", "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    "nocolon".getBytes(StandardCharsets.UTF_8)), "Authorization: Bearer x", "Authorization: " + ROOT
                    + ROOT, "Content-Length: 0", "Content-Length: 5", "Content-Length: -1", "Content-Length: abc",
            "Content-Length: 99999999999999999999", "Content-Length: 5, 6", "Transfer-Encoding: chunked",
            "Transfer-Encoding: gzip, chunked", "Transfer-Encoding: junk", "Expect: 100-continue", "Expect: nonsense",
            "Host: x", "Host:", "label: l1", "label: " + "l".repeat(2000), "column_separator: ,", "format: json",
            "Connection: keep-alive", "Connection: close", ": novalue", "NoColon", " leading: space",
            "X-Weird: \u00ff\u00fe", "Content-Type: text/csv");

    private HttpRequestArbitraries() {
    }

    /** Requests as bytes: well-formed ones, mutated ones and random bytes. */
    public static Arbitrary<byte[]> requests() {
        // Weighted towards what gets past the first checks (PUT of a Stream Load by root over HTTP/1.1),
        // so the redirect path is fuzzed as often as the refusals.
        Arbitrary<String> methods = Arbitraries.frequencyOf(List.of(Tuple.of(2, Arbitraries.of("PUT", "GET")),
                Tuple.of(1, Arbitraries.of(METHODS))));
        Arbitrary<String> paths = Arbitraries.frequencyOf(List.of(Tuple.of(1, Arbitraries.of(
                "/api/demo/t/_stream_load", "/api/health")), Tuple.of(1, Arbitraries.of(PATHS))));
        Arbitrary<String> versions = Arbitraries.frequencyOf(List.of(Tuple.of(3, Arbitraries.just("HTTP/1.1")),
                Tuple.of(1, Arbitraries.of(VERSIONS))));
        Arbitrary<List<String>> headers = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(HEADERS).list().ofMaxSize(6)).as((root, others) -> {
                    List<String> all = new java.util.ArrayList<>(others);
                    if (root) {
                        all.add(0, "Authorization: " + ROOT);
                    }
                    return all;
                });
        Arbitrary<byte[]> formed = Combinators.combine(methods, paths, versions, headers,
                Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(20)).as(HttpRequestArbitraries::render);
        return Arbitraries.frequencyOf(List.of(Tuple.of(5, formed), Tuple.of(3, mutated(formed)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64))));
    }

    static byte[] render(String method, String path, String version, List<String> headers, String body) {
        StringBuilder text = new StringBuilder(method).append(' ').append(path).append(' ').append(version)
                .append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        text.append("\r\n").append(body);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> valid) {
        return Combinators.combine(valid, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5000),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6)).as((bytes, kind, at, junk) -> {
                    int index = at % Math.max(1, bytes.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    switch (kind) {
                        case 0 -> out.write(bytes, 0, index);
                        case 1 -> {
                            byte[] changed = bytes.clone();
                            if (changed.length > 0) {
                                changed[index] = junk[0];
                            }
                            out.writeBytes(changed);
                        }
                        default -> {
                            out.write(bytes, 0, index);
                            out.writeBytes(junk);
                            out.write(bytes, index, bytes.length - index);
                        }
                    }
                    return out.toByteArray();
                });
    }
}
