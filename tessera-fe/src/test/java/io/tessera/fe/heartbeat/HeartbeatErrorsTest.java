package io.tessera.fe.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class HeartbeatErrorsTest {
    @Test
    void showsTheRootCauseWithItsClassName() {
        Throwable refused = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("Connection refused: /127.0.0.1:9050",
                        new ConnectException("Connection refused")))
                .asRuntimeException();

        assertThat(HeartbeatErrors.describe(refused)).isEqualTo("java.net.ConnectException: Connection refused");
    }

    @Test
    void aBackendRefusingOurCredentialsShowsItsDorisText() {
        Throwable refused = Status.UNAUTHENTICATED
                .withDescription("(127.0.77.3)[INTERNAL_ERROR]invalid cluster id. ignore.").asRuntimeException();

        assertThat(HeartbeatErrors.describe(refused)).isEqualTo("(127.0.77.3)[INTERNAL_ERROR]invalid cluster id. ignore.");
    }

    @Test
    void dropsTheNativeTransportsSystemCallPrefix() {
        assertThat(HeartbeatErrors.describe(
                new ConnectException("finishConnect(..) failed with error(-111): Connection refused")))
                .isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(HeartbeatErrors.describe(new ConnectException("connect(..) failed: Connection refused")))
                .isEqualTo("java.net.ConnectException: Connection refused");
    }

    @Test
    void aStatusWithoutCauseShowsItselfAndNoTextShowsUnknownError() {
        assertThat(HeartbeatErrors.describe(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after 4s")
                .asRuntimeException()))
                .isEqualTo("io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 4s");
        assertThat(HeartbeatErrors.describe(new ConnectException())).isEqualTo("Unknown error");
    }

    @Test
    void namesTheJdkParentOfNettysOwnExceptions() {
        Exception reset = new io.tessera.fe.heartbeat.netty.TransportIoException("Connection reset by peer");
        assertThat(HeartbeatErrors.describe(new RuntimeException("wrapper", reset)))
                .isEqualTo("java.io.IOException: Connection reset by peer");
    }
}
