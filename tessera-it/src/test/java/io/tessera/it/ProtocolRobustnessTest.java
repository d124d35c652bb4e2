package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes on one connection never hurt the FE process or other connections: each bad
 * connection is closed with a logged reason, and a client that was already connected keeps
 * working.
 */
class ProtocolRobustnessTest {
    private static FrontendProcess frontend;

    @BeforeAll
    static void start() throws Exception {
        frontend = FrontendProcess.start(TestAddresses.PROTOCOL_ROBUSTNESS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (frontend != null) {
            frontend.close();
        }
    }

    @Test
    void garbageAndTruncatedPacketsCloseOnlyTheirConnection() throws Exception {
        String url = "jdbc:mysql://" + frontend.host() + ":" + frontend.port() + "/?user=root&password=";
        try (Connection bystander = DriverManager.getConnection(url);
             Statement statement = bystander.createStatement()) {
            // A well-framed handshake response whose content is garbage.
            assertThat(closedAfterSending(new byte[] {10, 0, 0, 1, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef,
                5, 6, 7, 8, 9, 10})).isTrue();
            // A handshake response header promising 100 bytes, then only 4 of them and EOF.
            assertThat(closedAfterSending(new byte[] {100, 0, 0, 1, 1, 2, 3, 4})).isTrue();
            // A packet header announcing the largest possible packet, repeatedly.
            byte[] huge = new byte[4 * 64];
            for (int i = 0; i < huge.length; i += 4) {
                huge[i] = (byte) 0xff;
                huge[i + 1] = (byte) 0xff;
                huge[i + 2] = (byte) 0xff;
                huge[i + 3] = (byte) (i / 4 + 1);
            }
            assertThat(closedAfterSending(huge)).isTrue();

            try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        try (Connection fresh = DriverManager.getConnection(url); Statement statement = fresh.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@version_comment")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(frontend.process().isAlive()).isTrue();
    }

    /** Reads the handshake, sends the bytes, and reports whether the server closed the connection. */
    private static boolean closedAfterSending(byte[] bytes) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(frontend.host(), frontend.port()), 5_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] header = in.readNBytes(4);
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            in.readNBytes(length);
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
            // The server may answer with an error packet before closing; read until end of stream.
            while (in.read() >= 0) {
                // drain
            }
            return true;
        }
    }
}
