package io.tessera.fe.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting and stopping the server. */
class MysqlServerTest {
    private final FakeSessionFactory sessions = new FakeSessionFactory();

    private MysqlServer newServer(int port) {
        return new MysqlServer("127.0.0.1", port, new FakeAuthenticator(), sessions, 1024 * 1024);
    }

    @Test
    void reportsPortInUse() {
        try (MysqlServer first = newServer(0)) {
            first.start();
            int port = first.port();
            try (MysqlServer second = newServer(port)) {
                assertThatThrownBy(second::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("port " + port + " on 127.0.0.1 is in use by another process");
            }
            try (RawMysqlClient client = new RawMysqlClient(port).loginAsRoot()) {
                assertThat(client.query("select 1").payload()).containsExactly(1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void closeClosesConnectionsAndSessions() throws IOException {
        MysqlServer server = newServer(0);
        server.start();
        try (RawMysqlClient first = new RawMysqlClient(server.port()).loginAsRoot();
                RawMysqlClient second = new RawMysqlClient(server.port()).loginAsRoot()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 2);
            server.close();
            assertThat(first.closedByServer()).isTrue();
            assertThat(second.closedByServer()).isTrue();
        } finally {
            server.close();
        }
        assertThat(sessions.closes.get()).isEqualTo(2);
        assertThat(sessions.opened).extracting(ConnectionInfo::connectionId).containsExactly(0, 1);
        assertThat(sessions.violations).isEmpty();
    }

    @Test
    void rejectsUseBeforeStartAndAfterClose() {
        MysqlServer server = newServer(0);
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MysqlServer("127.0.0.1", 70000, new FakeAuthenticator(), sessions, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
