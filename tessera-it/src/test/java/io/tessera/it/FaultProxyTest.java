package io.tessera.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault proxy itself, in front of an echo server on loopback (127.0.79.30, the proxy on .31
 * with the same port): each mode does what {@link FaultProxy} says, and close leaves no thread.
 * A "no answer" check reads with a short socket timeout: it shows nothing came in that window and
 * cannot fail because the machine is slow.
 */
@Timeout(60)
class FaultProxyTest {
    private static final String TARGET_HOST = TestAddresses.NODE_FAULTS_PREFIX + ".30";
    private static final String PROXY_HOST = TestAddresses.NODE_FAULTS_PREFIX + ".31";
    private static final int QUIET_MS = 300;

    private ServerSocket echo;
    private Thread echoThread;
    private final List<Socket> echoed = new ArrayList<>();
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket();
        echo.bind(new InetSocketAddress(InetAddress.getByName(TARGET_HOST), 0));
        echoThread = new Thread(this::echoLoop, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        proxy = new FaultProxy(PROXY_HOST, TARGET_HOST, List.of(echo.getLocalPort()), 8).start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        echo.close();
        synchronized (echoed) {
            for (Socket socket : echoed) {
                socket.close();
            }
        }
        echoThread.join(5_000);
        assertThat(proxy.openConnections()).isZero();
    }

    @Test
    void passAndDelayForwardEveryByteBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            proxy.delay(50);
            assertThat(roundTrip(socket, "slow but whole")).isEqualTo("slow but whole");
        }
    }

    @Test
    void dropResetsOpenAndNewConnectionsAndHealLetsNewOnesThrough() throws IOException {
        Socket open = connect();
        assertThat(roundTrip(open, "a")).isEqualTo("a");

        proxy.setMode(FaultProxy.Mode.DROP);

        assertThatThrownBy(() -> roundTrip(open, "b")).isInstanceOf(IOException.class);
        assertRefused("c");
        proxy.heal();
        try (Socket healed = connect()) {
            assertThat(roundTrip(healed, "d")).isEqualTo("d");
        }
        open.close();
    }

    @Test
    void halfOpenAcceptsAndReadsButNeverAnswersThenHealResetsTheHoledConnections() throws IOException {
        Socket open = connect();
        assertThat(roundTrip(open, "a")).isEqualTo("a");

        proxy.setMode(FaultProxy.Mode.HALF_OPEN);
        Socket fresh = connect();
        send(open, "lost");
        send(fresh, "lost too");
        assertNoAnswer(open);
        assertNoAnswer(fresh);

        proxy.heal();
        assertThatThrownBy(() -> roundTrip(open, "b")).isInstanceOf(IOException.class);
        try (Socket healed = connect()) {
            assertThat(roundTrip(healed, "c")).isEqualTo("c");
        }
        open.close();
        fresh.close();
    }

    @Test
    void partitionHoldsBothWaysAndHealDeliversWhatWasHeldIntact() throws IOException {
        Socket open = connect();
        assertThat(roundTrip(open, "a")).isEqualTo("a");

        proxy.setMode(FaultProxy.Mode.PARTITION);
        Socket fresh = connect();
        send(open, "held");
        send(fresh, "held too");
        assertNoAnswer(open);
        assertNoAnswer(fresh);

        proxy.heal();
        assertThat(receive(open, "held".length())).isEqualTo("held");
        assertThat(receive(fresh, "held too".length())).isEqualTo("held too");
        open.close();
        fresh.close();
    }

    @Test
    void connectionsPastTheCapAreResetAndCloseEndsEveryConnection() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket socket = connect();
            sockets.add(socket);
            assertThat(roundTrip(socket, "n" + i)).isEqualTo("n" + i);
        }
        assertRefused("x");
        assertThat(proxy.refusedConnections()).isEqualTo(1);

        proxy.close();

        for (Socket socket : sockets) {
            assertThatThrownBy(() -> roundTrip(socket, "y")).isInstanceOf(IOException.class);
            socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.openConnections() == 0);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getByName(PROXY_HOST), echo.getLocalPort()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A new connection is reset: at connect, or at the first exchange (the reset may race the connect). */
    private void assertRefused(String text) {
        assertThatThrownBy(() -> {
            try (Socket socket = connect()) {
                roundTrip(socket, text);
            }
        }).isInstanceOf(IOException.class);
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String receive(Socket socket, int length) throws IOException {
        byte[] answer = new byte[length];
        new DataInputStream(socket.getInputStream()).readFully(answer);
        return new String(answer, StandardCharsets.UTF_8);
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return receive(socket, text.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void assertNoAnswer(Socket socket) throws IOException {
        socket.setSoTimeout(QUIET_MS);
        try {
            int read = socket.getInputStream().read();
            throw new AssertionError("expected no answer, read " + read);
        } catch (SocketTimeoutException expected) {
            // nothing came back
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                synchronized (echoed) {
                    echoed.add(socket);
                }
                Thread thread = new Thread(() -> {
                    try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        // the test closed it
                    }
                }, "echo-connection");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
