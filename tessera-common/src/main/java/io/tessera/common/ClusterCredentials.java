package io.tessera.common;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The secret every internal gRPC call carries: the cluster id and token the FE chose when the
 * cluster was created, and that a backend stores from its binding heartbeat. A call carries them in
 * two headers ({@link #CLUSTER_ID_HEADER}, {@link #TOKEN_HEADER}); the listener compares them with
 * {@link #matches}, in constant time, before any handler runs ({@link ClusterAuthInterceptor}).
 *
 * <p>{@link #toString} never shows the token, so a credential that reaches a log line by accident
 * does not leak it.
 *
 * @param clusterId the cluster id, positive
 * @param token     the cluster token, not blank
 */
public record ClusterCredentials(long clusterId, String token) {
    /** The caller's cluster id, in decimal. */
    public static final Metadata.Key<String> CLUSTER_ID_HEADER =
            Metadata.Key.of("tessera-cluster-id", Metadata.ASCII_STRING_MARSHALLER);
    /** The caller's cluster token, as UTF-8 bytes (a binary header, so any stored token travels). */
    public static final Metadata.Key<byte[]> TOKEN_HEADER =
            Metadata.Key.of("tessera-cluster-token-bin", Metadata.BINARY_BYTE_MARSHALLER);

    public ClusterCredentials {
        if (clusterId <= 0) {
            throw new IllegalArgumentException("cluster id must be positive");
        }
        Objects.requireNonNull(token, "token is null");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token is blank");
        }
    }

    /** Puts both headers on an outgoing call's metadata. */
    public void attachTo(Metadata headers) {
        headers.put(CLUSTER_ID_HEADER, Long.toString(clusterId));
        headers.put(TOKEN_HEADER, token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a call's headers say against these credentials. Both values are compared in full, each in
     * constant time ({@link MessageDigest#isEqual}), whichever fails first.
     */
    public Verdict check(Metadata headers) {
        String clusterIdHeader = headers.get(CLUSTER_ID_HEADER);
        byte[] tokenHeader = headers.get(TOKEN_HEADER);
        if (clusterIdHeader == null || tokenHeader == null) {
            return Verdict.MISSING;
        }
        boolean clusterMatches = constantTimeEquals(clusterIdHeader.getBytes(StandardCharsets.UTF_8),
                Long.toString(clusterId).getBytes(StandardCharsets.UTF_8));
        boolean tokenMatches = constantTimeEquals(tokenHeader, token.getBytes(StandardCharsets.UTF_8));
        if (!clusterMatches) {
            return Verdict.WRONG_CLUSTER;
        }
        return tokenMatches ? Verdict.ACCEPTED : Verdict.WRONG_TOKEN;
    }

    /** True when both byte strings are equal; the time taken does not depend on where they differ. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a, b);
    }

    /** True when both strings are equal (as UTF-8), compared in constant time; null never matches. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ClusterCredentials[clusterId=" + clusterId + ", token=<hidden>]";
    }

    /** The outcome of {@link #check}. */
    public enum Verdict {
        ACCEPTED,
        /** The call carries no credentials (or only half of them). */
        MISSING,
        WRONG_CLUSTER,
        WRONG_TOKEN
    }
}
