package io.tessera.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClusterAuthInterceptorTest {
    private static final ClusterCredentials CLUSTER = new ClusterCredentials(1234567, "5f1c-secret-token");
    private static final MethodDescriptor<String, String> DROP = method("tessera.backend.BackendService/DropTablet");
    private static final MethodDescriptor<String, String> HEARTBEAT =
            method("tessera.heartbeat.HeartbeatService/Heartbeat");

    @Test
    void theRightCredentialsReachTheHandler() {
        Outcome outcome = call(ClusterAuthInterceptor.requiring(CLUSTER), DROP, headers(Optional.of(CLUSTER)));

        assertThat(outcome.handled).isTrue();
        assertThat(outcome.call.closedWith).isNull();
    }

    @Test
    void missingCredentialsAreUnauthenticatedAndNeverReachTheHandler() {
        Outcome outcome = call(ClusterAuthInterceptor.requiring(CLUSTER), DROP, new Metadata());

        assertThat(outcome.handled).isFalse();
        assertThat(outcome.call.closedWith.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(outcome.call.closedWith.getDescription()).isEqualTo(ClusterAuthInterceptor.MISSING_CREDENTIALS);
    }

    @Test
    void halfTheCredentialsAreMissingCredentials() {
        Metadata onlyClusterId = new Metadata();
        onlyClusterId.put(ClusterCredentials.CLUSTER_ID_HEADER, "1234567");

        Outcome outcome = call(ClusterAuthInterceptor.requiring(CLUSTER), DROP, onlyClusterId);

        assertThat(outcome.handled).isFalse();
        assertThat(outcome.call.closedWith.getDescription()).isEqualTo(ClusterAuthInterceptor.MISSING_CREDENTIALS);
    }

    @Test
    void aWrongTokenOrClusterIsRefusedWithoutEchoingEitherValue() {
        Outcome wrongToken = call(ClusterAuthInterceptor.requiring(CLUSTER), DROP,
                headers(Optional.of(new ClusterCredentials(1234567, "forged"))));
        Outcome wrongCluster = call(ClusterAuthInterceptor.requiring(CLUSTER), DROP,
                headers(Optional.of(new ClusterCredentials(7654321, "5f1c-secret-token"))));

        assertThat(wrongToken.handled).isFalse();
        assertThat(wrongToken.call.closedWith.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(wrongToken.call.closedWith.getDescription()).isEqualTo("invalid token");
        assertThat(wrongCluster.handled).isFalse();
        assertThat(wrongCluster.call.closedWith.getDescription()).isEqualTo("invalid cluster id. ignore.");
        for (Outcome outcome : new Outcome[] {wrongToken, wrongCluster}) {
            assertThat(outcome.call.closedWith.getDescription()).doesNotContain("5f1c").doesNotContain("forged")
                    .doesNotContain("1234567").doesNotContain("7654321");
        }
    }

    @Test
    void anUnboundNodeLetsOnlyTheBindingMethodsThrough() {
        ClusterAuthInterceptor unbound = new ClusterAuthInterceptor(Optional::empty,
                Set.of(HEARTBEAT.getFullMethodName()), reason -> "(127.0.77.1)[INTERNAL_ERROR]" + reason);

        Outcome heartbeat = call(unbound, HEARTBEAT, new Metadata());
        Outcome drop = call(unbound, DROP, headers(Optional.of(CLUSTER)));

        assertThat(heartbeat.handled).isTrue();
        assertThat(drop.handled).isFalse();
        assertThat(drop.call.closedWith.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(drop.call.closedWith.getDescription())
                .isEqualTo("(127.0.77.1)[INTERNAL_ERROR]" + ClusterAuthInterceptor.NOT_BOUND);
    }

    @Test
    void onceBoundTheBindingMethodsNeedCredentialsToo() {
        AtomicReference<Optional<ClusterCredentials>> stored = new AtomicReference<>(Optional.empty());
        ClusterAuthInterceptor backend = new ClusterAuthInterceptor(stored::get,
                Set.of(HEARTBEAT.getFullMethodName()), UnaryOperator.identity());
        assertThat(call(backend, HEARTBEAT, new Metadata()).handled).isTrue();

        stored.set(Optional.of(CLUSTER));

        assertThat(call(backend, HEARTBEAT, new Metadata()).handled).isFalse();
        assertThat(call(backend, HEARTBEAT, headers(Optional.of(new ClusterCredentials(99, "other")))).handled)
                .isFalse();
        assertThat(call(backend, HEARTBEAT, headers(Optional.of(CLUSTER))).handled).isTrue();
    }

    @Test
    void theAttacherPutsTheCredentialsOnTheCallAndNothingWhenThereAreNone() {
        Metadata attached = headers(Optional.of(CLUSTER));
        assertThat(attached.get(ClusterCredentials.CLUSTER_ID_HEADER)).isEqualTo("1234567");
        assertThat(CLUSTER.check(attached)).isEqualTo(ClusterCredentials.Verdict.ACCEPTED);
        assertThat(headers(Optional.empty()).keys()).isEmpty();
    }

    @Test
    void constantTimeEqualsComparesWholeValues() {
        assertThat(ClusterCredentials.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(ClusterCredentials.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(ClusterCredentials.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(ClusterCredentials.constantTimeEquals("", "")).isTrue();
        assertThat(ClusterCredentials.constantTimeEquals(null, "abc")).isFalse();
        assertThat(ClusterCredentials.constantTimeEquals("abc", null)).isFalse();
        assertThat(ClusterCredentials.constantTimeEquals("é", "é")).isTrue();
    }

    @Test
    void credentialsNeverShowTheirToken() {
        assertThat(CLUSTER.toString()).contains("1234567").doesNotContain("secret");
    }

    /** The headers a channel with {@link ClusterCredentialsAttacher} sends. */
    private static Metadata headers(Optional<ClusterCredentials> credentials) {
        Metadata headers = new Metadata();
        credentials.ifPresent(cluster -> cluster.attachTo(headers));
        return headers;
    }

    private static Outcome call(ClusterAuthInterceptor interceptor, MethodDescriptor<String, String> method,
                                Metadata headers) {
        RecordingCall call = new RecordingCall(method);
        Outcome outcome = new Outcome(call);
        ServerCallHandler<String, String> handler = (started, startedHeaders) -> {
            outcome.handled = true;
            return new ServerCall.Listener<>() {
            };
        };
        interceptor.interceptCall(call, headers, handler);
        return outcome;
    }

    private static MethodDescriptor<String, String> method(String fullName) {
        MethodDescriptor.Marshaller<String> text = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String parse(InputStream stream) {
                try {
                    return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName).setRequestMarshaller(text).setResponseMarshaller(text).build();
    }

    private static final class Outcome {
        final RecordingCall call;
        boolean handled;

        Outcome(RecordingCall call) {
            this.call = call;
        }
    }

    /** A server call that records how it was closed. */
    private static final class RecordingCall extends ServerCall<String, String> {
        private final MethodDescriptor<String, String> method;
        Status closedWith;

        RecordingCall(MethodDescriptor<String, String> method) {
            this.method = method;
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closedWith = status;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return method;
        }
    }
}
