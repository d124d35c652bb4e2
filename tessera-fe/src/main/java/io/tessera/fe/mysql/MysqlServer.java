package io.tessera.fe.mysql;

import io.tessera.fe.auth.Authenticator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tessera.common.Clock;
import io.tessera.common.NamedThreads;
import io.tessera.common.Randomness;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL protocol 4.1 server: listens on a port and runs a {@link ConnectionHandler} for
 * each client, which logs it in with the {@link Authenticator} and serves its commands
 * through a session from the {@link SessionFactory}. It knows nothing of SQL.
 *
 * <p>Connections are bounded and timed out by {@link ConnectionLimits}: logged-in ones by
 * {@code qe_max_connection} and {@code max_user_connections} ({@link ConnectionAdmission}), those
 * still logging in by their own cap and the login timeout ({@link ConnectionWatch}), so a flood of
 * sockets that never log in cannot keep real clients out; idle ones by {@code wait_timeout}.
 *
 * <p>With {@link MysqlTls} ({@code enable_ssl}) the handshake offers CLIENT_SSL and each connection
 * starts with a {@link TlsUpgrade}, which turns a client's SSLRequest into TLS; clients that do not
 * ask for it log in unencrypted, as in Doris.
 *
 * <p>Threading: {@link #start()} and {@link #close()} may be called from any thread (once
 * each). The server runs its own Netty event loops: one accepts connections, the others
 * serve them; each connection stays on one event loop for its whole life. One more thread of
 * its own ({@code mysql-deadlines}) closes connections past their deadlines.
 */
public final class MysqlServer implements AutoCloseable {
    /** Before login, no legitimate packet comes near this; it keeps strangers from making us buffer. */
    static final int PRE_LOGIN_MAX_PACKET_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MysqlServer.class);
    private static final long SHUTDOWN_QUIET_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final Authenticator authenticator;
    private final SessionFactory sessionFactory;
    private final int maxPacketBytes;
    private final ServerStatistics statistics;
    private final PreparedStatementLimits preparedStatementLimits;
    private final ConnectionLimits limits;
    private final ConnectionAdmission admission;
    private final ConnectionWatch watch;
    /** TLS for clients that send an SSLRequest ({@code enable_ssl}), or null. */
    private final MysqlTls tls;
    private final AtomicInteger nextConnectionId = new AtomicInteger();
    private final SecureRandom random = Randomness.secure();
    private final ChannelGroup connections = new DefaultChannelGroup("mysql-connections", GlobalEventExecutor.INSTANCE);

    private EventLoopGroup acceptorGroup;
    private EventLoopGroup connectionGroup;
    private Channel serverChannel;
    private ScheduledExecutorService deadlineThread;
    private boolean closed;

    /**
     * @param bindAddress    the local address to listen on
     * @param port           the port to listen on; 0 picks a free one (see {@link #port()})
     * @param authenticator  checks logins
     * @param sessionFactory opens the SQL side of each logged-in connection
     * @param maxPacketBytes the largest client payload accepted ({@code max_allowed_packet})
     * @param clock          the source of the uptime that COM_STATISTICS reports
     */
    public MysqlServer(InetAddress bindAddress, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, Clock clock) {
        this(bindAddress, port, authenticator, sessionFactory, maxPacketBytes, clock, ConnectionLimits.defaults());
    }

    /** As the main constructor, with these bounds and deadlines on connections. */
    public MysqlServer(InetAddress bindAddress, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, Clock clock, ConnectionLimits limits) {
        this(bindAddress, port, authenticator, sessionFactory, maxPacketBytes, clock,
                PreparedStatementLimits.defaults(maxPacketBytes), limits, Optional.empty());
    }

    /**
     * As the main constructor, with these bounds on connections and TLS for clients that ask for it.
     *
     * @param tls what an SSLRequest is answered with ({@code enable_ssl}); empty: CLIENT_SSL is not offered
     */
    public MysqlServer(InetAddress bindAddress, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, Clock clock, ConnectionLimits limits, Optional<MysqlTls> tls) {
        this(bindAddress, port, authenticator, sessionFactory, maxPacketBytes, clock,
                PreparedStatementLimits.defaults(maxPacketBytes), limits, tls);
    }

    /** As the main constructor, with these bounds on each connection's prepared statements and on connections. */
    MysqlServer(InetAddress bindAddress, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, Clock clock, PreparedStatementLimits preparedStatementLimits,
            ConnectionLimits limits, Optional<MysqlTls> tls) {
        this.tls = tls.orElse(null);
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.admission = new ConnectionAdmission(limits.maxConnections(), limits.maxUserConnections());
        this.watch = new ConnectionWatch(Objects.requireNonNull(clock, "clock is null"),
                limits.maxUnauthenticatedConnections(), limits.loginTimeoutMs());
        this.preparedStatementLimits = Objects.requireNonNull(preparedStatementLimits, "limits is null");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress is null");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxPacketBytes < 1024) {
            throw new IllegalArgumentException("maxPacketBytes must be at least 1024: " + maxPacketBytes);
        }
        this.requestedPort = port;
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator is null");
        this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory is null");
        this.maxPacketBytes = maxPacketBytes;
        this.statistics = new ServerStatistics(Objects.requireNonNull(clock, "clock is null"));
    }

    /** As the main constructor, with the host resolved now and the system clock. */
    public MysqlServer(String bindHost, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes) {
        this(resolve(bindHost), port, authenticator, sessionFactory, maxPacketBytes, Clock.system());
    }

    /** As {@link #MysqlServer(String, int, Authenticator, SessionFactory, int)} with these prepared-statement bounds. */
    MysqlServer(String bindHost, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, PreparedStatementLimits preparedStatementLimits) {
        this(resolve(bindHost), port, authenticator, sessionFactory, maxPacketBytes, Clock.system(),
                preparedStatementLimits, ConnectionLimits.defaults(), Optional.empty());
    }

    /** As {@link #MysqlServer(String, int, Authenticator, SessionFactory, int)} with these bounds on connections. */
    MysqlServer(String bindHost, int port, Authenticator authenticator, SessionFactory sessionFactory,
            int maxPacketBytes, Clock clock, ConnectionLimits limits) {
        this(resolve(bindHost), port, authenticator, sessionFactory, maxPacketBytes, clock,
                PreparedStatementLimits.defaults(maxPacketBytes), limits, Optional.empty());
    }

    /**
     * Binds the port and starts accepting connections; returns once listening.
     *
     * @throws IllegalStateException when the port cannot be bound (for example
     *                               {@code port 9030 on 127.0.0.1 is in use by another process})
     *                               or the server was already started or closed
     */
    public synchronized void start() {
        if (serverChannel != null || closed) {
            throw new IllegalStateException("MySQL server already started or closed");
        }
        // Linux's epoll directly (Netty's native transport) where it loads: fewer system calls and
        // less garbage per statement than the JDK's selector; NIO anywhere else.
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        acceptorGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mysql-accept"), handlers);
        connectionGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("mysql-io"), handlers);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptorGroup, connectionGroup)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initConnection(channel);
                    }
                });
        try {
            serverChannel = bootstrap.bind(bindAddress, requestedPort).sync().channel();
        } catch (Exception e) {
            shutDownGroups();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(describeBindFailure(e), e);
        }
        deadlineThread = Executors.newSingleThreadScheduledExecutor(new NamedThreads("mysql-deadlines"));
        deadlineThread.scheduleWithFixedDelay(this::closeOverdue, limits.checkIntervalMs(), limits.checkIntervalMs(),
                TimeUnit.MILLISECONDS);
        LOG.info("MySQL protocol server listening on {}:{} (qe_max_connection {}, max_user_connections {},"
                        + " max_unauthenticated_connections {}, login_timeout_second {}, enable_ssl {},"
                        + " require_secure_transport {}, transport {})",
                bindAddress.getHostAddress(), port(), limits.maxConnections(), limits.maxUserConnections(),
                limits.maxUnauthenticatedConnections(), limits.loginTimeoutMs() / 1000, tls != null,
                tls != null && tls.requireSecureTransport(), epoll ? "epoll" : "nio");
    }

    /** The port listened on: the one asked for, or the one picked for port 0. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("MySQL server not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Closes the connections past their deadlines now; what the deadline thread runs. */
    int closeOverdue() {
        try {
            return watch.closeOverdue();
        } catch (RuntimeException e) {
            LOG.error("closing MySQL connections past their deadlines failed", e);
            return 0;
        }
    }

    /** How many connections have not finished logging in. */
    public int unauthenticatedConnections() {
        return watch.loggingIn();
    }

    /** How many connections are logged in (what qe_max_connection bounds). */
    public int loggedInConnections() {
        return admission.total();
    }

    /** How many client connections are open now. */
    public int openConnections() {
        return statistics.openConnections();
    }

    /**
     * Stops listening, closes every connection (closing each session) and stops the event
     * loops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (deadlineThread != null) {
            deadlineThread.shutdownNow();
        }
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        shutDownGroups();
        LOG.info("MySQL protocol server stopped");
    }

    private void initConnection(SocketChannel channel) {
        connections.add(channel);
        int connectionId = nextConnectionId.getAndIncrement() & Integer.MAX_VALUE;
        PacketDecoder decoder = new PacketDecoder(Math.min(maxPacketBytes, PRE_LOGIN_MAX_PACKET_BYTES));
        if (tls != null) {
            channel.pipeline().addLast("mysql-tls-upgrade", new TlsUpgrade(tls));
        }
        channel.pipeline()
                .addLast("mysql-decoder", decoder)
                .addLast("mysql-connection", new ConnectionHandler(connectionId, HandshakePacket.newScramble(random),
                        decoder, authenticator, sessionFactory, maxPacketBytes, statistics,
                        preparedStatementLimits, admission, watch, Capabilities.server(tls != null),
                        tls != null && tls.requireSecureTransport()));
    }

    private void shutDownGroups() {
        for (EventLoopGroup group : new EventLoopGroup[] {acceptorGroup, connectionGroup}) {
            if (group != null) {
                group.shutdownGracefully(SHUTDOWN_QUIET_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                        .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
            }
        }
    }

    private String describeBindFailure(Exception e) {
        String where = "port " + requestedPort + " on " + bindAddress.getHostAddress();
        // NIO throws a BindException; the epoll transport a native error with the OS's text (EADDRINUSE).
        String message = String.valueOf(e.getMessage());
        if (e instanceof BindException && message.contains("in use") || message.contains("Address already in use")) {
            return where + " is in use by another process";
        }
        return "cannot listen on " + where + ": " + e.getMessage();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(Objects.requireNonNull(host, "bindHost is null"));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + host, e);
        }
    }
}
