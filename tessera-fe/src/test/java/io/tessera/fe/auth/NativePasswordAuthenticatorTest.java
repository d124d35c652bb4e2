package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.testing.InProcessCluster;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logins against the built-in accounts (both have empty passwords), directly and over JDBC. */
class NativePasswordAuthenticatorTest {
    private static final byte[] SCRAMBLE = new byte[NativePassword.HASH_BYTES];

    private final NativePasswordAuthenticator authenticator = new NativePasswordAuthenticator(new AccessControl(() -> Accounts.Image.BUILT_IN));

    private TesseraException refusal(String user, byte[] response) {
        return catchThrowableOfType(TesseraException.class,
                () -> authenticator.authenticate(user, "127.0.0.1", SCRAMBLE, response));
    }

    @Test
    void acceptsTheBuiltInAccountsWithTheirEmptyPassword() {
        for (String user : List.of(AccessControl.ROOT, AccessControl.ADMIN)) {
            assertThatCode(() -> authenticator.authenticate(user, "127.0.0.1", SCRAMBLE, new byte[0]))
                    .as(user).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesAWrongPasswordWithMysqlsText() {
        TesseraException refused = refusal("root", NativePassword.scramble("wrong", SCRAMBLE));
        assertThat(refused.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(refused.code().mysqlCode()).isEqualTo(1045);
        assertThat(refused.code().sqlState()).isEqualTo("28000");
        assertThat(refused.getMessage()).isEqualTo("Access denied for user 'root'@'127.0.0.1' (using password: YES)");
        assertThat(refused.clientMessage()).isEqualTo(refused.getMessage());
    }

    @Test
    void refusesAnUnknownUserLikeAWrongPassword() {
        assertThat(refusal("x", NativePassword.scramble("secret", SCRAMBLE)).getMessage())
                .isEqualTo("Access denied for user 'x'@'127.0.0.1' (using password: YES)");
        assertThat(refusal("x", new byte[0]).getMessage())
                .isEqualTo("Access denied for user 'x'@'127.0.0.1' (using password: NO)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void refusesUnknownUsersAndWrongPasswordsOverTheWire(String driver) {
        try (InProcessCluster cluster = InProcessCluster.start(0)) {
            String url = cluster.jdbcUrl().replace("jdbc:mysql:", "jdbc:" + driver + ":");
            SQLException unknown = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(url + "?user=x&password=secret").close());
            assertThat(unknown.getErrorCode()).isEqualTo(1045);
            assertThat(unknown.getSQLState()).isEqualTo("28000");
            assertThat(unknown.getMessage()).contains("Access denied for user 'x'@'127.0.0.1' (using password: YES)");
            SQLException wrong = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(url + "?user=root&password=wrong").close());
            assertThat(wrong.getMessage())
                    .contains("Access denied for user 'root'@'127.0.0.1' (using password: YES)");
        }
    }
}
