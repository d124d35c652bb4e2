package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionAdmissionTest {
    @Test
    void refusesPastTheTotalWithDorisText() {
        ConnectionAdmission admission = new ConnectionAdmission(2, 100);
        admission.admit("a", OptionalLong.empty());
        admission.admit("b", OptionalLong.empty());

        assertThatThrownBy(() -> admission.admit("c", OptionalLong.empty()))
                .isInstanceOfSatisfying(TesseraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_USER_CONNECTIONS);
                    assertThat(e.clientMessage()).isEqualTo("Reach limit of connections. Total: 2, User: 100, Current: 2");
                });
        assertThat(admission.total()).isEqualTo(2);

        admission.release("a");
        admission.admit("c", OptionalLong.empty());
        assertThat(admission.total()).isEqualTo(2);
    }

    @Test
    void refusesPastTheUsersLimitOnlyForThatUser() {
        ConnectionAdmission admission = new ConnectionAdmission(10, 2);
        admission.admit("a", OptionalLong.empty());
        admission.admit("a", OptionalLong.empty());

        assertThatThrownBy(() -> admission.admit("a", OptionalLong.empty()))
                .hasMessageContaining("Reach limit of connections. Total: 10, User: 2, Current: 2");
        admission.admit("b", OptionalLong.empty());
        assertThat(admission.total()).isEqualTo(3);

        admission.release("a");
        admission.admit("a", OptionalLong.empty());
        assertThat(admission.total()).isEqualTo(3);
    }

    @Test
    void releasingAUserNeverCountedChangesNothing() {
        ConnectionAdmission admission = new ConnectionAdmission(1, 1);
        admission.release("ghost");
        admission.admit("a", OptionalLong.empty());
        assertThat(admission.total()).isEqualTo(1);
    }
}
