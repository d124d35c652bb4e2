package io.tessera.fe.mysql;

import io.tessera.fe.auth.Authenticator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;
import io.tessera.common.ErrorCode;
import io.tessera.common.FaultReport;
import io.tessera.common.LogValues;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one MySQL connection through its life: sends the handshake, reads the client's
 * response (and an auth-switch reply when needed), logs the client in through the
 * {@link Authenticator}, opens its session through the {@link SessionFactory}, then hands
 * every command packet to a {@link CommandDispatcher}. When the connection ends, for any
 * reason, the session is closed exactly once.
 *
 * <p>A protocol violation or an unexpected failure closes this connection only, with the
 * reason logged; the server and other connections are unaffected. A handshake response that
 * cannot be read is answered {@code 1043 Bad handshake}. On a port with TLS ({@code enable_ssl}) the
 * handshake offers CLIENT_SSL; a client's SSLRequest reaches this handler as an {@link SslRequest}
 * once {@link TlsUpgrade} has put TLS on the connection, and the handshake response then arrives
 * encrypted; a TLS handshake that fails closes the connection with one log line. The
 * {@link ConnectionWatch} closes the
 * connection when it does not log in in time or, once in, idles past its {@code wait_timeout}
 * ({@code interactive_timeout}) or leaves a result unread past its {@code net_write_timeout}; the
 * {@link ConnectionAdmission} may refuse the login past {@code qe_max_connection} or
 * {@code max_user_connections}.
 *
 * <p>Threading: one instance per connection; Netty calls it only on the channel's event loop.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter implements UserChanger, ConnectionActivity {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final long LINGER_SECONDS = 5;
    /** MySQL's text for ER_SECURE_TRANSPORT_REQUIRED. */
    static final String INSECURE_TRANSPORT_MESSAGE =
            "Connections using insecure transport are prohibited while --require_secure_transport=ON.";

    private enum Phase { AWAIT_HANDSHAKE_RESPONSE, AWAIT_AUTH_SWITCH_RESPONSE, COMMAND, CLOSED }

    private final int connectionId;
    private final byte[] scramble;
    private final PacketDecoder decoder;
    private final Authenticator authenticator;
    private final SessionFactory sessionFactory;
    private final int maxPacketBytes;
    private final ServerStatistics statistics;
    private final PreparedStatementLimits preparedStatementLimits;
    private final ConnectionAdmission admission;
    private final ConnectionWatch watch;
    /** What the handshake offers: CLIENT_SSL only when the port has TLS. */
    private final Capabilities serverCapabilities;
    /** {@code require_secure_transport}: a login that did not start TLS is refused. */
    private final boolean requireSecureTransport;
    /** The client sent an SSLRequest and the connection went over to TLS. */
    private boolean encrypted;

    private Phase phase = Phase.AWAIT_HANDSHAKE_RESPONSE;
    private ChannelHandlerContext context;
    private PacketWriter packets;
    private ResponseWriter responses;
    private String remoteHost = "unknown";
    private int remotePort;
    private HandshakeResponse pendingLogin;
    private SessionHandler session;
    private CommandDispatcher commands;
    private boolean counted;
    /** The user counted by the admission for this connection, or null. */
    private String admittedUser;
    private boolean interactive;
    private int lastSequenceId;

    ConnectionHandler(int connectionId, byte[] scramble, PacketDecoder decoder, Authenticator authenticator,
            SessionFactory sessionFactory, int maxPacketBytes, ServerStatistics statistics,
            PreparedStatementLimits preparedStatementLimits, ConnectionAdmission admission, ConnectionWatch watch) {
        this(connectionId, scramble, decoder, authenticator, sessionFactory, maxPacketBytes, statistics,
                preparedStatementLimits, admission, watch, Capabilities.SERVER, false);
    }

    ConnectionHandler(int connectionId, byte[] scramble, PacketDecoder decoder, Authenticator authenticator,
            SessionFactory sessionFactory, int maxPacketBytes, ServerStatistics statistics,
            PreparedStatementLimits preparedStatementLimits, ConnectionAdmission admission, ConnectionWatch watch,
            Capabilities serverCapabilities, boolean requireSecureTransport) {
        this.serverCapabilities = serverCapabilities;
        this.requireSecureTransport = requireSecureTransport;
        this.preparedStatementLimits = preparedStatementLimits;
        this.admission = admission;
        this.watch = watch;
        this.connectionId = connectionId;
        this.scramble = scramble.clone();
        this.decoder = decoder;
        this.authenticator = authenticator;
        this.sessionFactory = sessionFactory;
        this.maxPacketBytes = maxPacketBytes;
        this.statistics = statistics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remoteHost = hostOf(ctx.channel().remoteAddress());
        remotePort = portOf(ctx.channel().remoteAddress());
        packets = new PacketWriter(ctx.channel());
        responses = new ResponseWriter(packets, serverCapabilities, this::serverStatus);
        statistics.connectionOpened();
        counted = true;
        Channel channel = ctx.channel();
        watch.accepted(connectionId, channel::close);
        packets.startSequence(0);
        ByteBuf payload = packets.newPayload();
        new HandshakePacket(connectionId, scramble).writeTo(payload, serverCapabilities);
        packets.write(payload);
        packets.flush();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (phase == Phase.CLOSED) {
                return;
            }
            if (message instanceof OversizedPacket oversized) {
                onOversized(oversized);
            } else if (message instanceof InboundPacket packet) {
                onPacket(packet);
            } else if (message instanceof SslRequest request) {
                lastSequenceId = request.sequenceId();
                encrypted = true;
                LOG.debug("connection {} from {}: SSLRequest, starting TLS", connectionId, remoteHost);
            }
        } catch (MalformedPacketException e) {
            watch.warnRefused("bad handshake", remoteHost, "closing connection " + connectionId + " from " + remoteHost
                    + ": bad handshake: " + LogValues.bounded(e.getMessage()));
            packets.startSequence(lastSequenceId + 1);
            responses.writeError(ErrorCode.BAD_HANDSHAKE, ErrorCode.BAD_HANDSHAKE.render("Bad handshake"));
            flushAndClose();
        } catch (RuntimeException e) {
            LOG.error("closing connection {} from {}: unexpected exception", connectionId, remoteHost, e);
            closeNow();
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void onPacket(InboundPacket packet) {
        lastSequenceId = packet.sequenceId();
        switch (phase) {
            case AWAIT_HANDSHAKE_RESPONSE:
                onHandshakeResponse(packet);
                break;
            case AWAIT_AUTH_SWITCH_RESPONSE:
                login(pendingLogin, packet.payload(), packet.sequenceId());
                break;
            case COMMAND:
                commands.enqueue(packet);
                break;
            default:
                break;
        }
    }

    private void onHandshakeResponse(InboundPacket packet) {
        HandshakeResponse response = HandshakeResponse.parse(packet.payload(), serverCapabilities);
        if (requireSecureTransport && !encrypted) {
            LOG.info("connection {} from {}: login of '{}' refused: no TLS while require_secure_transport is on",
                    connectionId, remoteHost, LogValues.bounded(response.user()));
            packets.startSequence(packet.sequenceId() + 1);
            responses.writeError(ErrorCode.INSECURE_TRANSPORT, INSECURE_TRANSPORT_MESSAGE);
            flushAndClose();
            return;
        }
        interactive = response.capabilities().has(Capabilities.INTERACTIVE);
        responses = new ResponseWriter(packets, response.capabilities(), this::serverStatus);
        if (!response.needsAuthSwitch()) {
            login(response, response.authResponse(), packet.sequenceId());
            return;
        }
        pendingLogin = response;
        phase = Phase.AWAIT_AUTH_SWITCH_RESPONSE;
        packets.startSequence(packet.sequenceId() + 1);
        ByteBuf payload = packets.newPayload();
        new HandshakePacket(connectionId, scramble).writeAuthSwitchRequestTo(payload);
        packets.write(payload);
        packets.flush();
    }

    private void login(HandshakeResponse response, byte[] authResponse, int sequenceId) {
        pendingLogin = null;
        packets.startSequence(sequenceId + 1);
        try {
            authenticator.authenticate(response.user(), remoteHost, scramble.clone(), authResponse);
            admission.admit(response.user(), authenticator.maxUserConnections(response.user()));
            admittedUser = response.user();
            session = sessionFactory.open(
                    new ConnectionInfo(connectionId, response.user(), remoteHost, remotePort,
                            response.database(), disconnect()));
            if (session == null) {
                throw new IllegalStateException("session factory returned no session");
            }
        } catch (TesseraException e) {
            if (e.code().category() == ErrorCode.Category.INTERNAL) {
                LOG.error("connection {} from {}: login of '{}' failed: {}",
                        connectionId, remoteHost, LogValues.bounded(response.user()), LogValues.bounded(e.getMessage()),
                        e);
            } else {
                LOG.info("connection {} from {}: login of '{}' refused: {}",
                        connectionId, remoteHost, LogValues.bounded(response.user()),
                        LogValues.bounded(e.clientMessage()));
            }
            releaseAdmission();
            responses.writeError(e);
            flushAndClose();
            return;
        } catch (RuntimeException e) {
            releaseAdmission();
            LOG.error("connection {} from {}: login of '{}' failed unexpectedly",
                    connectionId, remoteHost, LogValues.bounded(response.user()), e);
            responses.writeError(ErrorCode.INTERNAL_ERROR,
                    ErrorCode.INTERNAL_ERROR.render(FaultReport.FRONTEND.message("logging in")));
            flushAndClose();
            return;
        }
        phase = Phase.COMMAND;
        decoder.raiseLimit(maxPacketBytes);
        watch.loggedIn(connectionId);
        commands = new CommandDispatcher(context.channel(), connectionId, session, responses, statistics,
                response.capabilities(), new PreparedStatements(preparedStatementLimits), this, scramble, this);
        idle();
        responses.writeOk(OkResult.EMPTY);
        responses.flush();
        LOG.debug("connection {} from {}: '{}' logged in", connectionId, remoteHost, response.user());
    }

    /**
     * COM_CHANGE_USER: checks the new login against the handshake's scramble, as MySQL does,
     * then opens the new user's session and closes the old one.
     */
    @Override
    public SessionHandler changeUser(HandshakeResponse login) {
        authenticator.authenticate(login.user(), remoteHost, scramble.clone(), login.authResponse());
        releaseAdmission();
        admission.admit(login.user(), authenticator.maxUserConnections(login.user()));
        admittedUser = login.user();
        SessionHandler changed = sessionFactory.open(
                new ConnectionInfo(connectionId, login.user(), remoteHost, remotePort, login.database(),
                        disconnect()));
        if (changed == null) {
            throw new IllegalStateException("session factory returned no session");
        }
        SessionHandler previous = session;
        session = changed;
        if (previous != null) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.error("connection {}: closing the session before a change of user failed", connectionId, e);
            }
        }
        LOG.debug("connection {} from {}: changed to user '{}'", connectionId, remoteHost, login.user());
        return changed;
    }

    /** Closes the socket from any thread (Netty hops to the event loop), as KILL CONNECTION does. */
    private Runnable disconnect() {
        ChannelHandlerContext channelContext = context;
        return () -> channelContext.channel().close();
    }

    private void onOversized(OversizedPacket oversized) {
        LOG.warn("closing connection {} from {}: packet of at least {} bytes exceeds the limit of {} bytes",
                connectionId, remoteHost, oversized.payloadBytes(), oversized.limitBytes());
        if (commands != null) {
            commands.stop();
        }
        packets.startSequence(oversized.sequenceId() + 1);
        responses.writeError(ErrorCode.PACKET_TOO_LARGE,
                ErrorCode.PACKET_TOO_LARGE.render("Got a packet bigger than 'max_allowed_packet' bytes"));
        phase = Phase.CLOSED;
        lingeringClose();
    }

    /**
     * Flushes, then half-closes and keeps discarding input for a while before closing. The
     * client is probably still sending the rest of its big packet: closing with unread bytes
     * would reset the connection, and the client could lose the error packet before reading it.
     */
    private void lingeringClose() {
        Channel channel = context.channel();
        channel.config().setAutoRead(true);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            duplex.shutdownOutput();
            channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (commands != null && ctx.channel().isWritable()) {
            commands.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void busy() {
        watch.busy(connectionId);
    }

    @Override
    public void idle() {
        SessionHandler current = session;
        if (current != null) {
            watch.waitFor(connectionId, current.idleTimeoutSeconds(interactive), ConnectionWatch.Reason.IDLE_TIMEOUT);
        }
    }

    @Override
    public void waitingForReader() {
        SessionHandler current = session;
        if (current != null) {
            watch.waitFor(connectionId, current.writeTimeoutSeconds(), ConnectionWatch.Reason.WRITE_TIMEOUT);
        }
    }

    private void releaseAdmission() {
        if (admittedUser != null) {
            admission.release(admittedUser);
            admittedUser = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        phase = Phase.CLOSED;
        watch.closed(connectionId);
        releaseAdmission();
        if (commands != null) {
            commands.stop();
        }
        if (session != null) {
            SessionHandler closing = session;
            session = null;
            try {
                closing.close();
            } catch (RuntimeException e) {
                LOG.error("connection {}: closing its session failed", connectionId, e);
            }
        }
        if (counted) {
            counted = false;
            statistics.connectionClosed();
        }
        LOG.debug("connection {} from {} closed", connectionId, remoteHost);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable tlsFailure = cause instanceof DecoderException ? cause.getCause() : cause;
        if (tlsFailure instanceof SSLException) {
            // NotSslRecordException's message dumps the bytes received: the class says enough.
            watch.warnRefused("TLS failed", remoteHost, "closing connection " + connectionId + " from " + remoteHost
                    + ": TLS failed: " + (tlsFailure instanceof NotSslRecordException ? "not a TLS record"
                            : LogValues.bounded(tlsFailure.getMessage())));
        } else if (cause instanceof IOException) {
            LOG.debug("connection {} from {}: {}", connectionId, remoteHost, cause.toString());
        } else {
            LOG.error("closing connection {} from {}: unexpected exception", connectionId, remoteHost, cause);
        }
        closeNow();
    }

    private void flushAndClose() {
        phase = Phase.CLOSED;
        context.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Before login the status is plain autocommit; after it, the session's own. */
    private int serverStatus() {
        CommandDispatcher dispatcher = commands;
        return dispatcher == null ? HandshakePacket.SERVER_STATUS_AUTOCOMMIT : dispatcher.serverStatus();
    }

    private void closeNow() {
        phase = Phase.CLOSED;
        if (commands != null) {
            commands.stop();
        }
        context.channel().close();
    }

    private static int portOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    private static String hostOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
