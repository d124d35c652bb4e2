package io.tessera.fe.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tessera.common.ErrorCode;
import io.tessera.proto.backend.StatusCode;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Error translation: the backend's typed code, never its text, decides the kind. */
class BackendErrorsTest {
    @Test
    void anOkStatusWithoutMessageIsSuccess() {
        assertThat(BackendErrors.of(1, io.tessera.proto.backend.Status.getDefaultInstance())).isEmpty();
    }

    @Test
    void theBackendsCodeDecidesTheKindAndItsMessageIsKept() {
        BackendCallException failure = BackendErrors.of(7, io.tessera.proto.backend.Status.newBuilder()
                .setCode(StatusCode.NOT_FOUND).setErrorMessage("tablet 10010 not found").build()).orElseThrow();

        assertThat(failure.error()).isEqualTo(BackendError.NOT_FOUND);
        assertThat(failure.backendId()).isEqualTo(7);
        assertThat(failure.getMessage()).isEqualTo("tablet 10010 not found");
        assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void aMessageWithoutCodeFromAnOlderBackendIsAnInternalFailure() {
        assertThat(BackendErrors.of(1, io.tessera.proto.backend.Status.newBuilder()
                .setErrorMessage("not found").build()).orElseThrow().error()).isEqualTo(BackendError.INTERNAL);
    }

    @Test
    void transportFailuresKeepTheInnermostMessage() {
        BackendCallException failure = BackendErrors.of(3, new CompletionException(Status.UNAVAILABLE
                .withCause(new ConnectException("Connection refused")).asRuntimeException()));

        assertThat(failure.error()).isEqualTo(BackendError.UNREACHABLE);
        assertThat(failure.getMessage()).isEqualTo("Connection refused");
        assertThat(BackendErrors.of(3, Status.DEADLINE_EXCEEDED.asRuntimeException()).error())
                .isEqualTo(BackendError.TIMEOUT);
    }
}
