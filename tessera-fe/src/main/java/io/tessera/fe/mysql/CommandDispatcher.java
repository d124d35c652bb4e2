package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.tessera.common.Failures;
import io.netty.channel.Channel;
import io.tessera.common.ErrorCode;
import io.tessera.fe.auth.PasswordMask;
import io.tessera.common.FaultReport;
import io.tessera.common.LogValues;
import io.tessera.common.TesseraException;
import io.tessera.fe.result.OkResult;
import io.tessera.fe.result.QueryResult;
import io.tessera.fe.result.ResultSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
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
    static final int COM_CHANGE_USER = 0x11;
    static final int COM_STMT_PREPARE = 0x16;
    static final int COM_STMT_EXECUTE = 0x17;
    static final int COM_STMT_SEND_LONG_DATA = 0x18;
    static final int COM_STMT_CLOSE = 0x19;
    static final int COM_STMT_RESET = 0x1a;
    static final int COM_SET_OPTION = 0x1b;
    static final int COM_STMT_FETCH = 0x1c;
    static final int COM_RESET_CONNECTION = 0x1f;
    private static final int MULTI_STATEMENTS_ON = 0;
    private static final int MULTI_STATEMENTS_OFF = 1;
    /** The most statements one multi-statement query may hold; their results are held until all ran. */
    static final int MAX_STATEMENTS_PER_QUERY = 1000;
    private static final int STATEMENT_ID_LAST_PREPARED = -1;

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int PAUSE_READING_AT_QUEUED = 64;
    private static final int RESUME_READING_AT_QUEUED = 16;
    private static final int MAX_LOGGED_SQL_CHARS = 2000;
    /** Rows written between checks of the channel's writability while a result set streams. */
    static final int ROWS_PER_CHUNK = 64;

    /** How to answer a command once its work is done. */
    private interface Reply {
        void writeTo(ResponseWriter responses, ResultSetWriter resultSets);
    }

    /** COM_STMT_CLOSE and COM_STMT_SEND_LONG_DATA are never answered. */
    private static final Reply NO_REPLY = (responses, resultSets) -> { };

    private final Channel channel;
    private final int connectionId;
    private final Capabilities capabilities;
    private final ResponseWriter responses;
    private final ResultSetWriter resultSets;
    private final ServerStatistics statistics;
    private final PreparedStatements preparedStatements;
    private final UserChanger userChanger;
    private final byte[] scramble;
    private final ConnectionActivity activity;
    private final ArrayDeque<InboundPacket> queue = new ArrayDeque<>();
    private SessionHandler session;
    private boolean multiStatements;
    /** A COM_CHANGE_USER waiting for the client's answer to an auth switch request, or null. */
    private HandshakeResponse pendingChangeUser;
    private boolean busy;
    private boolean stopped;
    /** The result set whose rows are being written, waiting for the channel to become writable; or null. */
    private ResultSetStream streaming;
    /** True while {@link #continueStreaming} runs, which a flush may re-enter through {@link #drain}. */
    private boolean writingRows;

    CommandDispatcher(Channel channel, int connectionId, SessionHandler session, ResponseWriter responses,
            ServerStatistics statistics, Capabilities capabilities, PreparedStatements preparedStatements,
            UserChanger userChanger, byte[] scramble, ConnectionActivity activity) {
        this.activity = activity;
        this.channel = channel;
        this.connectionId = connectionId;
        this.session = session;
        this.responses = responses;
        this.resultSets = new ResultSetWriter(responses);
        this.statistics = statistics;
        this.capabilities = capabilities;
        this.preparedStatements = preparedStatements;
        this.userChanger = userChanger;
        this.scramble = scramble.clone();
        this.multiStatements = capabilities.has(Capabilities.MULTI_STATEMENTS);
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
        streaming = null;
        queue.clear();
        preparedStatements.clear();
    }

    /**
     * Goes on writing the result set that waited for the socket, then starts queued commands
     * until one is pending, the queue is empty or the socket is full.
     */
    void drain() {
        if (streaming != null && (stopped || !channel.isWritable() || !continueStreaming())) {
            return;
        }
        while (!busy && streaming == null && !stopped && channel.isWritable()) {
            InboundPacket packet = queue.poll();
            if (packet == null) {
                break;
            }
            if (queue.size() <= RESUME_READING_AT_QUEUED && !channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            start(packet);
        }
        if (!busy && streaming == null && !stopped && queue.isEmpty()) {
            activity.idle();
        }
    }

    /**
     * Writes rows of the streaming result set while the socket takes them, and flushes; true when
     * the result set is complete (or failed, with the error written), false when it waits for the
     * channel to become writable again. A failure, out of memory included, is logged as one line
     * and answered with an error packet after the rows already sent, as MySQL allows.
     */
    private boolean continueStreaming() {
        if (writingRows) {
            return false; // re-entered from our own flush (writability changed): the outer call goes on
        }
        ResultSetStream stream = streaming;
        writingRows = true;
        try {
            activity.busy();
            while (true) {
                boolean done = false;
                while (!done && channel.isWritable()) {
                    done = stream.writeRows(ROWS_PER_CHUNK);
                }
                if (done) {
                    streaming = null;
                }
                responses.flush();
                if (done) {
                    return true;
                }
                if (!channel.isWritable()) {
                    activity.waitingForReader();
                    return false;
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            streaming = null;
            LOG.error("connection {} from {}: writing a result set failed after {} of {} rows: {}", connectionId,
                    channel.remoteAddress(), stream.rowsWritten(), stream.totalRows(), e.toString());
            writeErrorOrClose(ErrorCode.INTERNAL_ERROR.render(
                    FaultReport.FRONTEND.message("sending the result set")));
            return true;
        } finally {
            writingRows = false;
        }
    }

    /** Answers an error packet; when even that fails, closes the connection. */
    private void writeErrorOrClose(String message) {
        try {
            responses.writeError(ErrorCode.INTERNAL_ERROR, message);
            responses.flush();
        } catch (RuntimeException | OutOfMemoryError e) {
            stop();
            channel.close();
        }
    }

    private void start(InboundPacket packet) {
        activity.busy();
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
        PayloadReader reader = new PayloadReader(payload);
        if (pendingChangeUser != null) {
            // The answer to COM_CHANGE_USER's auth switch; empty is an empty password, not a command.
            HandshakeResponse login = pendingChangeUser.withAuthResponse(reader.readRest());
            pendingChangeUser = null;
            return changeUser(login);
        }
        if (payload.length == 0) {
            return failed(new TesseraException(ErrorCode.UNKNOWN_COMMAND, "Unknown command"));
        }
        int command = reader.readInt1();
        switch (command) {
            case COM_QUIT:
                return null;
            case COM_QUERY:
                return query(reader.readRestString());
            case COM_STMT_PREPARE:
                return prepare(reader.readRestString());
            case COM_STMT_EXECUTE:
                return execute(reader);
            case COM_STMT_SEND_LONG_DATA:
                return sendLongData(reader);
            case COM_STMT_CLOSE:
                if (reader.remaining() >= 4) {
                    preparedStatements.close(reader.readInt4());
                }
                return done(NO_REPLY);
            case COM_STMT_RESET:
                preparedStatements.get(reader.readInt4(), "mysqld_stmt_reset").clearLongData();
                return done((responses, resultSets) -> responses.writeOk(OkResult.EMPTY));
            case COM_STMT_FETCH:
                return failed(new TesseraException(ErrorCode.UNKNOWN_COMMAND,
                        "COM_STMT_FETCH is not supported: Tessera has no server-side cursors;"
                                + " read the whole result set (for Connector/J, leave useCursorFetch off)"));
            case COM_CHANGE_USER:
                return startChangeUser(HandshakeResponse.parseChangeUser(reader, capabilities), packet);
            case COM_INIT_DB:
                return session.handleInitDb(reader.readRestString()).thenApply(this::resultReply);
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
                int option = reader.remaining() >= 2 ? reader.readInt2() : -1;
                if (option == MULTI_STATEMENTS_ON || option == MULTI_STATEMENTS_OFF) {
                    multiStatements = option == MULTI_STATEMENTS_ON;
                }
                return done((responses, resultSets) -> responses.writeEndOfRows());
            default:
                return failed(new TesseraException(ErrorCode.UNKNOWN_COMMAND, "Unknown command"));
        }
    }

    /**
     * COM_QUERY. With CLIENT_MULTI_STATEMENTS on, a text of several {@code ;}-separated
     * statements runs them one after another and answers one result per statement, all but the
     * last flagged SERVER_MORE_RESULTS_EXISTS; the first error ends the answer, as in MySQL.
     */
    private CompletableFuture<Reply> query(String sql) {
        statistics.questionAsked();
        if (!multiStatements) {
            return session.handleQuery(sql).thenApply(this::resultReply);
        }
        List<String> statements = SqlTextScanner.splitStatements(sql);
        if (statements.size() == 1) {
            return session.handleQuery(sql).thenApply(this::resultReply);
        }
        if (statements.size() > MAX_STATEMENTS_PER_QUERY) {
            return failed(new TesseraException(ErrorCode.BAD_STATEMENT, "A multi-statement query may hold at most "
                    + MAX_STATEMENTS_PER_QUERY + " statements, not " + statements.size()));
        }
        MultiStatementResults results = new MultiStatementResults(statements.size());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String statement : statements) {
            chain = chain.thenCompose(ignored -> session.handleQuery(statement))
                    .thenAccept(result -> results.add(result, serverStatus()));
        }
        return chain.handle((ignored, error) -> (responses, resultSets) -> {
            results.writeTo(responses, resultSets, error != null);
            if (error != null) {
                writeError(null, Failures.unwrapFuture(error));
            }
        });
    }

    /** COM_STMT_PREPARE: remember the text and count its placeholders; nothing runs yet. */
    private CompletableFuture<Reply> prepare(String sql) {
        PreparedStatement statement = preparedStatements.prepare(sql);
        return done((responses, resultSets) -> resultSets.writePrepareOk(statement.id(), statement.parameterCount()));
    }

    /**
     * COM_STMT_EXECUTE: reads the parameters, substitutes them into the text as SQL literals,
     * runs the text as COM_QUERY would and answers a query's rows in the binary format.
     */
    private CompletableFuture<Reply> execute(PayloadReader reader) {
        int id = reader.readInt4();
        PreparedStatement statement = id == STATEMENT_ID_LAST_PREPARED ? preparedStatements.last()
                : preparedStatements.find(id);
        if (statement == null) {
            return failed(new TesseraException(ErrorCode.UNKNOWN_STATEMENT_HANDLER, "Unknown prepared statement handler ("
                    + Integer.toUnsignedString(id) + ") given to mysqld_stmt_execute"));
        }
        reader.readInt1(); // cursor flags: there are no cursors, every result is sent whole
        reader.readInt4(); // iteration count, always 1
        List<String> literals;
        try {
            literals = BinaryParameters.readLiterals(reader, statement);
        } finally {
            statement.clearLongData();
        }
        String sql = statement.bind(literals);
        statistics.questionAsked();
        return session.handleQuery(sql).thenApply(result -> {
            if (result instanceof ResultSet rows) {
                return (responses, resultSets) ->
                        streaming = resultSets.start(rows, responses.serverStatus(), true);
            }
            return resultReply(result);
        });
    }

    /**
     * COM_STMT_SEND_LONG_DATA is never answered: a chunk for an unknown statement or parameter
     * is dropped with a log line, and a statement whose long data grew too big fails its next
     * execution.
     */
    private CompletableFuture<Reply> sendLongData(PayloadReader reader) {
        try {
            int id = reader.readInt4();
            int parameter = reader.readInt2();
            PreparedStatement statement = preparedStatements.find(id);
            if (statement == null) {
                LOG.debug("connection {}: long data for unknown statement {} dropped", connectionId, id);
            } else {
                statement.appendLongData(parameter, reader.readRest());
            }
        } catch (MalformedPacketException e) {
            LOG.warn("connection {} from {}: malformed COM_STMT_SEND_LONG_DATA dropped: {}", connectionId,
                    channel.remoteAddress(), e.getMessage());
        }
        return done(NO_REPLY);
    }

    /**
     * COM_CHANGE_USER: a client answering for another plugin first gets an auth switch request
     * to mysql_native_password with the connection's scramble, and its next packet is the answer.
     */
    private CompletableFuture<Reply> startChangeUser(HandshakeResponse login, InboundPacket packet) {
        if (!login.needsAuthSwitch()) {
            return changeUser(login);
        }
        pendingChangeUser = login;
        return done((responses, resultSets) -> {
            ByteBuf payload = responses.packets().newPayload();
            new HandshakePacket(connectionId, scramble).writeAuthSwitchRequestTo(payload);
            responses.packets().write(payload);
        });
    }

    /** Logs the new user in and starts over with a fresh session; a refused login closes the connection. */
    private CompletableFuture<Reply> changeUser(HandshakeResponse login) {
        preparedStatements.clear();
        SessionHandler changed;
        try {
            changed = userChanger.changeUser(login);
        } catch (RuntimeException e) {
            TesseraException refusal;
            if (e instanceof TesseraException tessera && tessera.code().category() != ErrorCode.Category.INTERNAL) {
                LOG.info("connection {} from {}: change to user '{}' refused: {}", connectionId,
                        channel.remoteAddress(), LogValues.bounded(login.user()),
                        LogValues.bounded(tessera.clientMessage()));
                refusal = tessera;
            } else {
                LOG.error("connection {} from {}: change to user '{}' failed", connectionId, channel.remoteAddress(),
                        LogValues.bounded(login.user()), e);
                refusal = new TesseraException(ErrorCode.INTERNAL_ERROR,
                        FaultReport.FRONTEND.message("changing the user"));
            }
            // The old session is gone; like a refused login, the connection ends after the error.
            return done((responses, resultSets) -> {
                responses.writeError(refusal);
                responses.flush();
                stop();
                channel.close();
            });
        }
        session = changed;
        multiStatements = capabilities.has(Capabilities.MULTI_STATEMENTS);
        return done((responses, resultSets) -> responses.writeOk(OkResult.EMPTY));
    }

    /**
     * The status flags of this connection's session now: SERVER_STATUS_AUTOCOMMIT while
     * autocommit is on, SERVER_STATUS_IN_TRANS while a transaction is open. Drivers read the
     * latter to decide whether their {@code commit()} must send COMMIT (MariaDB Connector/J
     * sends nothing otherwise).
     */
    int serverStatus() {
        SessionHandler current = session;
        return (current.autocommit() ? HandshakePacket.SERVER_STATUS_AUTOCOMMIT : 0)
                | (current.inTransaction() ? HandshakePacket.SERVER_STATUS_IN_TRANS : 0);
    }

    private Reply resultReply(QueryResult result) {
        if (result instanceof OkResult ok) {
            return (responses, resultSets) -> responses.writeOk(ok);
        }
        if (result instanceof ResultSet rows) {
            return (responses, resultSets) -> streaming = resultSets.start(rows, responses.serverStatus(), false);
        }
        throw new IllegalStateException("session returned no result");
    }

    private void finish(InboundPacket packet, Reply reply, Throwable error) {
        if (stopped) {
            return;
        }
        if (error != null && isUnanswered(packet)) {
            LOG.warn("connection {} from {}: {} failed, and it has no answer: {}", connectionId,
                    channel.remoteAddress(), describe(packet), Failures.unwrapFuture(error).getMessage());
            return;
        }
        responses.packets().startSequence(packet.sequenceId() + 1);
        try {
            if (error == null) {
                reply.writeTo(responses, resultSets);
            } else {
                writeError(packet, Failures.unwrapFuture(error));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            streaming = null;
            LOG.error("connection {} from {}: writing the reply to {} failed: {}", connectionId,
                    channel.remoteAddress(), describe(packet), e.toString());
            writeErrorOrClose(ErrorCode.INTERNAL_ERROR.render(FaultReport.FRONTEND.message("sending the reply")));
            return;
        }
        if (streaming != null) {
            continueStreaming();
            return;
        }
        try {
            responses.flush();
        } catch (RuntimeException e) {
            LOG.error("connection {}: failed to flush the reply to {}; closing: {}", connectionId, describe(packet),
                    e.toString());
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
                        packet == null ? "a multi-statement query" : describe(packet), tessera.getMessage(), tessera);
            }
            responses.writeError(tessera);
            return;
        }
        if (error instanceof MalformedPacketException) {
            LOG.warn("connection {} from {}: malformed command: {}", connectionId, channel.remoteAddress(),
                    LogValues.bounded(error.getMessage()));
            responses.writeError(ErrorCode.BAD_STATEMENT,
                    ErrorCode.BAD_STATEMENT.render("Malformed packet: " + error.getMessage()));
            return;
        }
        LOG.error("connection {} from {}: internal error in {}", connectionId, channel.remoteAddress(),
                packet == null ? "a multi-statement query" : describe(packet), error);
        responses.writeError(ErrorCode.INTERNAL_ERROR,
                ErrorCode.INTERNAL_ERROR.render(FaultReport.FRONTEND.message(activity(packet))));
    }

    /** COM_STMT_CLOSE and COM_STMT_SEND_LONG_DATA: the client reads no answer to them. */
    private static boolean isUnanswered(InboundPacket packet) {
        byte[] payload = packet.payload();
        return payload.length > 0
                && ((payload[0] & 0xff) == COM_STMT_CLOSE || (payload[0] & 0xff) == COM_STMT_SEND_LONG_DATA);
    }

    /** What the client asked for, as the fault message names it. */
    private static String activity(InboundPacket packet) {
        if (packet == null) {
            return "executing the statement";
        }
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
