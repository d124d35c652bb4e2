package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tessera.fe.testing.InProcessCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Accounts made by CREATE USER log in over the wire with their password (and only with it), a
 * password change applies to the next login, and no password text reaches any log line while all
 * of that happens: every event of every logger is captured, message and stack trace alike.
 */
class AccountLoginTest {
    private static final String FIRST_PASSWORD = "Plain-Text-Password-8c1f";
    private static final String SECOND_PASSWORD = "Changed-Password-77ab";
    private static final String WRONG_PASSWORD = "Wrong-Password-51d2";

    @Test
    void createdAccountsLogInWithTheirPasswordAndNoPasswordIsLogged() throws SQLException {
        Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        rootLogger.addAppender(captured);
        try (InProcessCluster cluster = InProcessCluster.start(0)) {
            String url = cluster.jdbcUrl();
            try (Connection root = DriverManager.getConnection(url + "?user=root&password=");
                 Statement statement = root.createStatement()) {
                statement.execute("CREATE USER 'web'@'%' IDENTIFIED BY '" + FIRST_PASSWORD + "'");
                SQLException duplicate = catchThrowableOfType(SQLException.class, () -> statement.execute(
                        "CREATE USER 'web'@'%' IDENTIFIED BY '" + FIRST_PASSWORD + "'"));
                assertThat(duplicate.getMessage()).contains("User 'web'@'%' already exist");
                catchThrowableOfType(SQLException.class, () -> statement.execute(
                        "CREATE USER 'broken'@'%' IDENTIFIED BY '" + FIRST_PASSWORD + "' garbage"));
            }
            try (Connection web = DriverManager.getConnection(url + "?user=web&password=" + FIRST_PASSWORD);
                 Statement statement = web.createStatement();
                 ResultSet grants = statement.executeQuery("SHOW GRANTS")) {
                assertThat(grants.next()).isTrue();
                assertThat(grants.getString("UserIdentity")).isEqualTo("'web'@'%'");
                assertThat(grants.getString("Password")).isEqualTo("Yes");
                statement.execute("SET PASSWORD = PASSWORD('" + SECOND_PASSWORD + "')");
            }
            SQLException old = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(url + "?user=web&password=" + FIRST_PASSWORD).close());
            assertThat(old.getErrorCode()).isEqualTo(1045);
            assertThat(old.getMessage()).contains("Access denied for user 'web'@'").contains("(using password: YES)");
            SQLException wrong = catchThrowableOfType(SQLException.class,
                    () -> DriverManager.getConnection(url + "?user=web&password=" + WRONG_PASSWORD).close());
            assertThat(wrong.getErrorCode()).isEqualTo(1045);
            DriverManager.getConnection(url + "?user=web&password=" + SECOND_PASSWORD).close();
        } finally {
            rootLogger.detachAppender(captured);
            captured.stop();
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(lines).isNotEmpty();
        for (String password : List.of(FIRST_PASSWORD, SECOND_PASSWORD, WRONG_PASSWORD)) {
            assertThat(lines).as(password).noneMatch(line -> line != null && line.contains(password));
        }
    }
}
