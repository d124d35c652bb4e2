package io.tessera.be.load;

import io.tessera.be.load.LoadErrorLogs.ErrorLog;
import io.tessera.common.FaultReport;
import io.tessera.common.Failures;
import io.tessera.common.Clock;
import io.tessera.common.LogValues;
import io.tessera.common.Randomness;
import io.tessera.data.StreamLoadReply;
import io.tessera.data.StreamLoadReply.Counts;
import io.tessera.data.StreamLoadReply.Times;
import io.tessera.proto.frontend.BeginLoadRequest;
import io.tessera.proto.frontend.BeginLoadResponse;
import io.tessera.proto.frontend.CommitLoadRequest;
import io.tessera.proto.frontend.CommitLoadResponse;
import io.tessera.proto.frontend.TabletWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Stream Load on this backend, start to end: begin the transaction on the FE (which checks
 * the user, the table and the label), stream the body through a {@link RecordSource}, a
 * {@link RowConverter} and a {@link TabletSink} (bad rows go to the error log), then either abort
 * (too many bad rows, or any failure) or commit on the FE, which checks each tablet's majority and
 * makes the load visible as a whole. The answer is Doris's reply, never an exception.
 *
 * <p>Threading: thread-safe; each load runs on its caller's thread, blocking on the body, the
 * replicas and the FE.
 */
public final class StreamLoadExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLoadExecutor.class);
    private static final long DEFAULT_TIMEOUT_SECONDS = 600;
    private static final int ROWS_BETWEEN_DEADLINE_CHECKS = 4096;

    private final FrontendLoadClient frontend;
    private final PeerChannels channels;
    private final LoadErrorLogs errorLogs;
    private final Clock clock;
    private final ZoneId zone;
    private final Random random;

    public StreamLoadExecutor(FrontendLoadClient frontend, PeerChannels channels, LoadErrorLogs errorLogs, Clock clock,
                              ZoneId zone, Random random) {
        this.frontend = frontend;
        this.channels = channels;
        this.errorLogs = errorLogs;
        this.clock = clock;
        this.zone = zone;
        this.random = random;
    }

    public StreamLoadReply run(StreamLoadRequest request) {
        long startNanos = clock.monotonicNanos();
        StreamLoadOptions options = request.options();
        BeginLoadResponse begin;
        try {
            begin = frontend.begin(BeginLoadRequest.newBuilder().setUser(request.user())
                    .setPassword(request.password()).setDatabase(request.database()).setTable(request.table())
                    .setLabel(options.label()).setClientHost(request.clientHost())
                    .setTimeoutSeconds(options.timeoutSeconds()).build());
        } catch (LoadFailure e) {
            return StreamLoadReply.failure(options.label(), e.getMessage());
        }
        if (begin.getLabelAlreadyExists()) {
            return new StreamLoadReply(-1, begin.getLabel(), StreamLoadReply.LABEL_ALREADY_EXISTS,
                    "PREPARE".equals(begin.getExistingStatus()) ? "RUNNING" : "FINISHED", begin.getErrorMessage(),
                    Counts.NONE, Times.NONE, null);
        }
        if (!begin.getErrorMessage().isEmpty()) {
            return StreamLoadReply.failure(options.label(), begin.getErrorMessage());
        }
        long beginMs = millisSince(startNanos);
        long timeoutSeconds = options.timeoutSeconds() > 0 ? options.timeoutSeconds() : DEFAULT_TIMEOUT_SECONDS;
        Progress progress = new Progress(begin.getTransactionId(), begin.getLabel(), startNanos, beginMs,
                startNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds));
        try (ErrorLog errorLog = errorLogs.create(begin.getTransactionId())) {
            progress.errorLog = errorLog;
            return load(request, begin, progress);
        }
    }

    /** What a load has done so far: counts, times, its error log. */
    private static final class Progress {
        final long transactionId;
        final String label;
        final long startNanos;
        final long beginMs;
        final long deadlineNanos;
        ErrorLog errorLog;
        CountingInputStream body;
        long totalRows;
        long loadedRows;
        long filteredRows;
        long readNanos;
        long writeNanos;
        long commitNanos;

        Progress(long transactionId, String label, long startNanos, long beginMs, long deadlineNanos) {
            this.transactionId = transactionId;
            this.label = label;
            this.startNanos = startNanos;
            this.beginMs = beginMs;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private StreamLoadReply load(StreamLoadRequest request, BeginLoadResponse begin, Progress progress) {
        StreamLoadOptions options = request.options();
        TabletSink sink = null;
        try {
            RowConverter converter = new RowConverter(begin.getTable(), options, clock, zone);
            progress.body = new CountingInputStream(request.body());
            RecordSource source = RecordSource.open(options, progress.body);
            sink = new TabletSink(begin.getTable(), progress.transactionId, begin.getBackendsList(), channels,
                    Randomness.split(random), clock, progress.deadlineNanos);
            long loopStart = clock.monotonicNanos();
            while (true) {
                long readStart = clock.monotonicNanos();
                SourceRecord record = source.next();
                progress.readNanos += clock.monotonicNanos() - readStart;
                if (record == null) {
                    break;
                }
                progress.totalRows++;
                try {
                    sink.add(converter.convert(record));
                    progress.loadedRows++;
                } catch (RowRejected e) {
                    progress.filteredRows++;
                    progress.errorLog.add(e.getMessage(), source.current());
                }
                if (progress.totalRows % ROWS_BETWEEN_DEADLINE_CHECKS == 0
                        && clock.monotonicNanos() - progress.deadlineNanos > 0) {
                    throw new LoadFailure("the load timed out: it took more than its timeout of "
                            + TimeUnit.NANOSECONDS.toSeconds(progress.deadlineNanos - progress.startNanos) + " s");
                }
            }
            if (FilterRatio.tooManyFiltered(progress.filteredRows, progress.loadedRows, options.maxFilterRatio())) {
                String message = FilterRatio.message(progress.filteredRows, progress.loadedRows,
                        options.maxFilterRatio());
                abort(sink, progress, message);
                return reply(progress, request, StreamLoadReply.FAIL, message);
            }
            List<TabletWrite> writes = sink.finish();
            progress.writeNanos = clock.monotonicNanos() - loopStart - progress.readNanos;
            long commitStart = clock.monotonicNanos();
            CommitLoadResponse commit = frontend.commit(CommitLoadRequest.newBuilder()
                    .setTransactionId(progress.transactionId).addAllTablets(writes)
                    .setTotalRows(progress.totalRows).setLoadedRows(progress.loadedRows)
                    .setFilteredRows(progress.filteredRows).build());
            progress.commitNanos = clock.monotonicNanos() - commitStart;
            if (!commit.getErrorMessage().isEmpty()) {
                return reply(progress, request, StreamLoadReply.FAIL, commit.getErrorMessage());
            }
            return reply(progress, request, StreamLoadReply.SUCCESS, "OK");
        } catch (LoadFailure e) {
            abort(sink, progress, e.getMessage());
            return reply(progress, request, StreamLoadReply.FAIL, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            String message = "reading the data failed: " + Failures.rootMessage(e);
            abort(sink, progress, message);
            return reply(progress, request, StreamLoadReply.FAIL, message);
        } catch (RuntimeException e) {
            LOG.error("stream load {} (transaction {}) failed", LogValues.bounded(progress.label), progress.transactionId, e);
            String message = FaultReport.BACKEND.message("executing the stream load");
            abort(sink, progress, message);
            return reply(progress, request, StreamLoadReply.FAIL, message);
        }
    }

    private void abort(TabletSink sink, Progress progress, String reason) {
        LOG.info("stream load {} (transaction {}) fails: {}", LogValues.bounded(progress.label), progress.transactionId,
                LogValues.bounded(reason));
        if (sink != null) {
            sink.cancel(reason);
        }
        frontend.abort(progress.transactionId, reason);
    }

    private StreamLoadReply reply(Progress progress, StreamLoadRequest request, String status, String message) {
        // As in Doris, NumberLoadedRows counts the rows that passed even when the load failed, so that
        // NumberTotalRows = NumberLoadedRows + NumberFilteredRows + NumberUnselectedRows always holds.
        Counts counts = new Counts(progress.totalRows, progress.loadedRows, progress.filteredRows, 0,
                progress.body == null ? 0 : progress.body.count());
        Times times = new Times(millisSince(progress.startNanos), progress.beginMs, 0,
                TimeUnit.NANOSECONDS.toMillis(progress.readNanos), TimeUnit.NANOSECONDS.toMillis(progress.writeNanos),
                TimeUnit.NANOSECONDS.toMillis(progress.commitNanos));
        String errorUrl = progress.errorLog.isEmpty() ? null : request.errorUrlPrefix() + progress.errorLog.name();
        return new StreamLoadReply(progress.transactionId, progress.label, status, null, message, counts, times,
                errorUrl);
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(clock.monotonicNanos() - startNanos);
    }
}
