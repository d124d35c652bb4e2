package io.tessera.fe.session;

import io.tessera.common.Cancellation;
import io.tessera.common.Clock;
import io.tessera.common.ErrorCode;
import io.tessera.common.TesseraException;
import io.tessera.fe.auth.UserIdentity;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One connection of this FE as SHOW PROCESSLIST, KILL and the timeout checker see it: who, since
 * when, what it is doing (Doris's Command, State and Info) and the statement it is running, which
 * another connection may cancel ({@link #killQuery}) or end with the connection
 * ({@link #killConnection}).
 *
 * <p>Threading: thread-safe. The connection's own commands call {@link #begin} and {@link #end}
 * one at a time (from whichever thread runs them); other connections' statements and the timeout
 * checker read it and cancel. Every field is guarded by the object's lock, held only briefly and
 * never while running a cancel's listeners or closing the socket.
 */
public final class LiveConnection {
    /** Doris's MysqlCommand names for the commands a connection can be in. */
    public enum Command {
        SLEEP("Sleep"), QUERY("Query"), INIT_DB("Init DB"), FIELD_LIST("Field List");

        private final String display;

        Command(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }

    /** What a processlist row needs, read at one moment. */
    public record View(int connectionId, UserIdentity user, String client, long loginWallMillis, String database,
                       Command command, long commandStartNanos, String state, String queryId, String statement,
                       String errorMessage, Optional<RunningStatement> running) {
    }

    private final int connectionId;
    private final UserIdentity user;
    private final String client;
    private final long loginWallMillis;
    private final SessionContext session;
    private final Runnable disconnect;
    private final Clock clock;
    private final QueryIds queryIds;

    private Command command = Command.SLEEP;
    private long commandStartNanos;
    private String state = "OK";
    private String queryId = "";
    private String statement = "";
    private String errorMessage = "";
    private RunningStatement running;
    private long deadlineNanos = Long.MAX_VALUE;
    /** Makes the error a timeout cancels with: built only when one fires, not for every statement. */
    private Supplier<TesseraException> timeoutError;
    private boolean killed;

    /**
     * @param client     {@code ip:port} of the client
     * @param disconnect closes the connection's socket (from any thread)
     */
    public LiveConnection(SessionContext session, String client, Runnable disconnect, Clock clock,
                          QueryIds queryIds) {
        this.session = Objects.requireNonNull(session, "session is null");
        this.connectionId = session.connectionId();
        this.user = session.user();
        this.client = Objects.requireNonNull(client, "client is null");
        this.disconnect = Objects.requireNonNull(disconnect, "disconnect is null");
        this.clock = clock;
        this.queryIds = queryIds;
        this.loginWallMillis = clock.wallMillis();
        this.commandStartNanos = clock.monotonicNanos();
    }

    public int connectionId() {
        return connectionId;
    }

    public UserIdentity user() {
        return user;
    }

    /**
     * A command starts: a statement (with its text) or another command. The statement gets a
     * fresh query id and cancellation, already cancelled when the connection was killed.
     */
    public RunningStatement begin(Command started, String text) {
        RunningStatement statement;
        boolean connectionKilled;
        synchronized (this) {
            command = started;
            commandStartNanos = clock.monotonicNanos();
            queryId = queryIds.next();
            this.statement = text;
            state = "OK";
            errorMessage = "";
            deadlineNanos = Long.MAX_VALUE;
            timeoutError = null;
            statement = new RunningStatement(queryId, commandStartNanos, new Cancellation(clock));
            running = statement;
            connectionKilled = killed;
        }
        if (connectionKilled) {
            statement.cancellation().cancel(new TesseraException(ErrorCode.QUERY_CANCELLED,
                    "the connection was killed"));
        }
        return statement;
    }

    /**
     * The running statement may run {@code timeoutSeconds} from its start (0 or less: no limit);
     * past that the timeout checker cancels it with the error {@code error} makes.
     */
    public synchronized void limitTime(RunningStatement statement, long timeoutSeconds,
                                       Supplier<TesseraException> error) {
        if (running != statement || timeoutSeconds <= 0) {
            return;
        }
        long limitNanos = timeoutSeconds > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE
                : timeoutSeconds * 1_000_000_000L;
        deadlineNanos = limitNanos > Long.MAX_VALUE - statement.startNanos() ? Long.MAX_VALUE
                : statement.startNanos() + limitNanos;
        timeoutError = error;
    }

    /** The command ended: the connection sleeps, keeping the last statement's text, state and query id. */
    public synchronized void end(RunningStatement statement, String endState, String error) {
        if (running != statement) {
            return;
        }
        command = Command.SLEEP;
        commandStartNanos = clock.monotonicNanos();
        state = endState;
        errorMessage = error == null ? "" : error;
        running = null;
        deadlineNanos = Long.MAX_VALUE;
        timeoutError = null;
    }

    /** KILL QUERY: cancels the running statement, if any. */
    public void killQuery(TesseraException why) {
        RunningStatement statement;
        synchronized (this) {
            statement = running;
        }
        if (statement != null) {
            statement.cancellation().cancel(why);
        }
    }

    /** KILL CONNECTION: marks it killed, cancels the running statement and closes the socket. */
    public void killConnection(TesseraException why) {
        synchronized (this) {
            killed = true;
        }
        killQuery(why);
        disconnect.run();
    }

    /** Cancels the running statement when it is past its deadline; true when this call did. */
    public boolean cancelIfOverdue(long nowNanos) {
        RunningStatement statement;
        Supplier<TesseraException> error;
        synchronized (this) {
            if (running == null || nowNanos < deadlineNanos) {
                return false;
            }
            statement = running;
            error = timeoutError;
            deadlineNanos = Long.MAX_VALUE;
        }
        return statement.cancellation().cancel(error.get());
    }

    public synchronized View view() {
        return new View(connectionId, user, client, loginWallMillis, session.database(), command,
                commandStartNanos, state, queryId, statement, errorMessage, Optional.ofNullable(running));
    }
}
