package io.tessera.fe.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tessera.common.PortInUse;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FE's HTTP port ({@code http_port}, 8030) on Netty's HTTP codec, bound to the FE's address:
 * health checks and the first hop of Stream Load (see {@link FeHttpRoutes}). Netty's codec is used
 * rather than the JDK's server because the JDK's answers {@code Expect: 100-continue} by itself,
 * which would make clients upload their data to the FE before being redirected.
 *
 * <p>Limits ({@link FeHttpLimits}): the codec refuses long request lines and headers, a shared
 * {@link HttpConnectionGate} caps open connections, and a {@link RequestDeadline} closes a
 * connection that has not finished in time, so slow or malformed clients cannot take the port.
 *
 * <p>Threading: {@link #start} and {@link #close} are called once each, from one thread; requests
 * are answered on two event loop threads.
 */
public final class FeHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeHttpServer.class);
    private static final int IO_THREADS = 2;
    private static final int MAX_CHUNK_BYTES = 8192;

    private final InetAddress address;
    private final int port;
    private final FeHttpRoutes routes;
    private final FeHttpLimits limits;
    private final HttpConnectionGate gate;
    private EventLoopGroup group;
    private Channel serverChannel;

    /** @param port the port to listen on; 0 picks a free one (see {@link #port()}) */
    public FeHttpServer(InetAddress address, int port, FeHttpRoutes routes) {
        this(address, port, routes, FeHttpLimits.defaults());
    }

    /** @param limits header sizes, connection cap and request timeout ({@link FeHttpLimits}) */
    public FeHttpServer(InetAddress address, int port, FeHttpRoutes routes, FeHttpLimits limits) {
        this.address = address;
        this.port = port;
        this.routes = routes;
        this.limits = limits;
        this.gate = new HttpConnectionGate(limits.maxConnections());
    }

    /** Binds the port; fails with "port ... is in use by another process" when it is taken. */
    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("http_port already started");
        }
        group = new MultiThreadIoEventLoopGroup(IO_THREADS, new DefaultThreadFactory("fe-http"),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initialize(channel);
                    }
                });
        try {
            serverChannel = bootstrap.bind(address, port).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof BindException bind && PortInUse.isCause(bind)) {
                throw PortInUse.error(port, address, bind);
            }
            throw new IllegalStateException("cannot listen on " + address.getHostAddress() + ":" + port
                    + " (http_port): " + e.getMessage(), e);
        }
        LOG.info("HTTP server listening on {}:{}", address.getHostAddress(), port());
    }

    /** Sets up one accepted connection's pipeline (package-private for tests on an embedded channel). */
    void initialize(Channel channel) {
        channel.pipeline()
                .addLast("deadline", new RequestDeadline(limits.requestTimeoutMs()))
                .addLast("http", new HttpServerCodec(limits.maxInitialLineBytes(), limits.maxHeaderBytes(),
                        MAX_CHUNK_BYTES))
                .addLast("gate", gate)
                .addLast("routes", new FeHttpHandler(routes, limits.maxHeaderCount()));
    }

    /** HTTP connections open now (for tests and diagnostics). */
    public int openConnections() {
        return gate.open();
    }

    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("http_port not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
