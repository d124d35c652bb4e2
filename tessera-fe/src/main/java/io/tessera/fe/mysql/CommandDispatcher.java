package io.tessera.fe.mysql;

import io.tessera.common.Failures;
import io.netty.channel.Channel;
import io.tessera.common.ErrorCode;
import io.tessera.fe.auth.PasswordMask;
import io.tessera.common.FaultReport;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one logged-in connection against its {@link SessionHandler}, one at a
 * time and in arrival order, and writes each reply.
 *
 * <p>Clients pipeline: they may send several commands before reading any reply. Commands are
 * therefore queued; while one command's future is pending the rest wait, and when it
 * completes its reply is written on the channel's event loop and the next command starts.
 * Reading from the socket pauses while many commands are queued, and commands wait while the
 * socket's outbound buffer is full, so a client that sends without reading cannot make the
 * server buffer without bound.
 *
 * <p>Threading: every method runs on the channel's event loop; futures may complete on any
 * thread and hop back to it.
 */
final class CommandDispatcher {
    static final int COM_QUIT = 0x01;
    static final int COM_INIT_DB = 0x02;
    static final int COM_QUERY = 0x03;
    static final int COM_FIELD_LIST = 0x04;
    static final int COM_STATISTICS = 0x09;
    static final int COM_PING = 0x0e;
    static final int COM_SET_OPTION = 0x1b;
    static final int COM_RESET_CONNECTION = 0x1f;

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int PAUSE_READING_AT_QUEUED = 64;
    private static final int RESUME_READING_AT_QUEUED = 16;
    private static final int MAX_LOGGED_SQL_CHARS = 2000;

    /** How to answer a command once its work is done. */
    private interface Reply {
        void writeTo(ResponseWriter responses, ResultSetWriter resultSets);
    }

    private final Channel channel;
    private final int connectionId;
    private final SessionHandler session;
    private final ResponseWriter responses;
    private final ResultSetWriter resultSets;
    private final ServerStatistics statistics;
    private final ArrayDeque<InboundPacket> queue = new ArrayDeque<>();
    private boolean busy;
    private boolean stopped;

    CommandDispatcher(Channel channel, int connectionId, SessionHandler session, ResponseWriter responses,
            ServerStatistics statistics) {
        this.channel = channel;
        this.connectionId = connectionId;
        this.session = session;
        this.responses = responses;
        this.resultSets = new ResultSetWriter(responses);
        this.statistics = statistics;
    }

    void enqueue(InboundPacket packet) {
        if (stopped) {
            return;
        }
        queue.add(packet);
        if (queue.size() >= PAUSE_READING_AT_QUEUED) {
            channel.config().setAutoRead(false);
        }
        drain();
    }

    /** The connection is closing: drop queued commands and ignore replies still to come. */
    void stop() {
        stopped = true;
        queue.clear();
    }

    /** Starts queued commands until one is pending, the queue is empty or the socket is full. */
    void drain() {
        while (!busy && !stopped && channel.isWritable()) {
            InboundPacket packet = queue.poll();
            if (packet == null) {
                return;
            }
            if (queue.size() <= RESUME_READING_AT_QUEUED && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            start(packet);
        }
    }

    private void start(InboundPacket packet) {
        CompletableFuture<Reply> reply;
        try {
            reply = dispatch(packet);
        } catch (RuntimeException | Error e) {
            reply = CompletableFuture.failedFuture(e);
        }
        if (reply == null) {
            stop();
            channel.close();
            return;
        }
        if (reply.isDone()) {
            try {
                finish(packet, reply.join(), null);
            } catch (CompletionException | CancellationException e) {
                finish(packet, null, e);
            }
            return;
        }
        busy = true;
        reply.whenComplete((value, error) -> {
            try {
                channel.eventLoop().execute(() -> {
                    busy = false;
                    finish(packet, value, error);
                    drain();
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("connection {}: event loop is shut down, reply dropped", connectionId);
            }
        });
    }

    /** Starts a command's work; null means COM_QUIT. */
    private CompletableFuture<Reply> dispatch(InboundPacket packet) {
        byte[] payload = packet.payload();
        if (payload.length == 0) {
            return failed(new TesseraException(ErrorCode.UNKNOWN_COMMAND, "Unknown command"));
        }
        PayloadReader reader = new PayloadReader(payload);
        int command = reader.readInt1();
        switch (command) {
            case COM_QUIT:
                return null;
            case COM_QUERY:
                statistics.questionAsked();
                return session.handleQuery(reader.readRestString()).thenApply(CommandDispatcher::resultReply);
            case COM_INIT_DB:
                return session.handleInitDb(reader.readRestString()).thenApply(CommandDispatcher::resultReply);
            case COM_FIELD_LIST:
                String table = reader.readNulTerminatedOrRestString();
                return session.handleFieldList(table)
                        .thenApply(columns -> (responses, resultSets) -> resultSets.writeFieldList(columns));
            case COM_PING:
            case COM_RESET_CONNECTION:
                return done((responses, resultSets) -> responses.writeOk(OkResult.EMPTY));
            case COM_STATISTICS:
                String text = statistics.describe();
                return done((responses, resultSets) -> responses.writeText(text));
            case COM_SET_OPTION:
                return done((responses, resultSets) -> responses.writeEndOfRows());
            default:
                return failed(new TesseraException(ErrorCode.UNKNOWN_COMMAND, "Unknown command"));
        }
    }

    private static Reply resultReply(QueryResult result) {
        if (result instanceof OkResult ok) {
            return (responses, resultSets) -> responses.writeOk(ok);
        }
        if (result instanceof ResultSet rows) {
            return (responses, resultSets) -> resultSets.writeResultSet(rows);
        }
        throw new IllegalStateException("session returned no result");
    }

    private void finish(InboundPacket packet, Reply reply, Throwable error) {
        if (stopped) {
            return;
        }
        responses.packets().startSequence(packet.sequenceId() + 1);
        try {
            if (error == null) {
                reply.writeTo(responses, resultSets);
            } else {
                writeError(packet, Failures.unwrapFuture(error));
            }
            responses.flush();
        } catch (RuntimeException e) {
            LOG.error("connection {}: failed to write the reply to {}; closing", connectionId, describe(packet), e);
            stop();
            channel.close();
        }
    }

    /**
     * Expected errors go to the client as they are. A fault of ours (an INTERNAL error, or any
     * other exception) is logged with its stack trace, connection and statement, and the client
     * only learns what failed and where the details are: never a Java class name, message or frame.
     */
    private void writeError(InboundPacket packet, Throwable error) {
        if (error instanceof TesseraException tessera) {
            if (tessera.code().category() == ErrorCode.Category.INTERNAL) {
                LOG.error("connection {} from {}: internal error in {}: {}", connectionId, channel.remoteAddress(),
                        describe(packet), tessera.getMessage(), tessera);
            }
            responses.writeError(tessera);
            return;
        }
        if (error instanceof MalformedPacketException) {
            LOG.warn("connection {} from {}: malformed command: {}", connectionId, channel.remoteAddress(),
                    error.getMessage());
            responses.writeError(ErrorCode.BAD_STATEMENT,
                    ErrorCode.BAD_STATEMENT.render("Malformed packet: " + error.getMessage()));
            return;
        }
        LOG.error("connection {} from {}: internal error in {}", connectionId, channel.remoteAddress(),
                describe(packet), error);
        responses.writeError(ErrorCode.INTERNAL_ERROR,
                ErrorCode.INTERNAL_ERROR.render(FaultReport.FRONTEND.message(activity(packet))));
    }

    /** What the client asked for, as the fault message names it. */
    private static String activity(InboundPacket packet) {
        byte[] payload = packet.payload();
        return payload.length > 0 && (payload[0] & 0xff) == COM_QUERY ? "executing the statement"
                : "executing the command";
    }


    private static String describe(InboundPacket packet) {
        byte[] payload = packet.payload();
        if (payload.length == 0) {
            return "an empty command";
        }
        int command = payload[0] & 0xff;
        if (command != COM_QUERY) {
            return String.format("command 0x%02x", command);
        }
        // Passwords never reach the log, even of a statement that failed.
        String sql = PasswordMask.mask(new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8));
        if (sql.length() > MAX_LOGGED_SQL_CHARS) {
            sql = sql.substring(0, MAX_LOGGED_SQL_CHARS) + "...";
        }
        return "query [" + sql + "]";
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static CompletableFuture<Reply> failed(Throwable error) {
        return CompletableFuture.failedFuture(error);
    }
}
