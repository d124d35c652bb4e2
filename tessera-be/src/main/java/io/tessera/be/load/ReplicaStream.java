package io.tessera.be.load;

import com.google.protobuf.ByteString;
import io.grpc.Deadline;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tessera.common.Clock;
import io.tessera.proto.backend.BackendServiceGrpc;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.backend.WriteRowsResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One replica's WriteRows stream during a Stream Load, with flow control: {@link #send} waits while
 * gRPC's outbound buffer is full, so a slow or distant replica holds the load back instead of
 * piling batches up in memory. The first failure (the backend answered with an error, the stream
 * broke, or the load's deadline passed) is kept, and the stream takes nothing more.
 *
 * <p>Threading: one load thread sends and waits; gRPC threads deliver readiness and the answer.
 */
final class ReplicaStream implements ClientResponseObserver<WriteRowsRequest, WriteRowsResponse> {
    private final long replicaId;
    private final String backend;
    private final Clock clock;
    private final long deadlineNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private ClientCallStreamObserver<WriteRowsRequest> requests;
    private WriteHeader header;
    private WriteRowsResponse response;
    private String failure;
    private boolean done;

    /**
     * Opens the stream.
     *
     * @param backend       the replica's backend, for messages
     * @param deadlineNanos the load's deadline on the clock's monotonic time
     */
    ReplicaStream(BackendServiceGrpc.BackendServiceStub stub, WriteHeader header, String backend, Clock clock,
                  long deadlineNanos) {
        this.replicaId = header.getReplicaId();
        this.backend = backend;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.header = header;
        long remaining = Math.max(1, deadlineNanos - clock.monotonicNanos());
        stub.withDeadline(Deadline.after(remaining, TimeUnit.NANOSECONDS)).writeRows(this);
    }

    long replicaId() {
        return replicaId;
    }

    /**
     * Sends a batch, already serialized (null for none), and, with {@code end}, eos; false when the
     * stream has failed.
     */
    boolean send(ByteString encodedBatch, boolean end) {
        if (!awaitReady()) {
            return false;
        }
        WriteRowsRequest.Builder message = WriteRowsRequest.newBuilder().setEos(end);
        if (encodedBatch != null) {
            message.setEncodedBatch(encodedBatch);
        }
        if (header != null) {
            message.setHeader(header);
            header = null;
        }
        try {
            requests.onNext(message.build());
            if (end) {
                requests.onCompleted();
            }
        } catch (RuntimeException e) {
            fail("the stream to " + backend + " broke: " + e.getMessage());
            return false;
        }
        return true;
    }

    /** Waits for the answer to eos; returns null when the rowset is durable, else why it is not. */
    String awaitResult() {
        lock.lock();
        try {
            while (!done && failure == null) {
                long remaining = deadlineNanos - clock.monotonicNanos();
                if (remaining <= 0) {
                    failLocked("no answer from " + backend + " before the load's timeout");
                    break;
                }
                changed.awaitNanos(remaining);
            }
            if (failure != null) {
                return failure;
            }
            String error = response == null ? "no answer from " + backend : response.getStatus().getErrorMessage();
            return error.isEmpty() ? null : error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            lock.unlock();
        }
    }

    /** The failure so far, or null while the stream is healthy. */
    String failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream without eos: the backend discards what it got. */
    void cancel(String reason) {
        lock.lock();
        try {
            if (failure == null && !done) {
                failure = reason;
            }
        } finally {
            lock.unlock();
        }
        if (requests != null) {
            requests.cancel(reason, null);
        }
    }

    private boolean awaitReady() {
        lock.lock();
        try {
            while (failure == null && !requests.isReady()) {
                if (done) {
                    failLocked(backend + " answered before the stream ended: " + describe(response));
                    break;
                }
                long remaining = deadlineNanos - clock.monotonicNanos();
                if (remaining <= 0) {
                    failLocked("writing to " + backend + " did not finish before the load's timeout");
                    break;
                }
                changed.awaitNanos(Math.min(remaining, TimeUnit.SECONDS.toNanos(1)));
            }
            return failure == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failLocked("interrupted");
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WriteRowsRequest> requestStream) {
        this.requests = requestStream;
        requestStream.setOnReadyHandler(this::signal);
    }

    @Override
    public void onNext(WriteRowsResponse value) {
        lock.lock();
        try {
            response = value;
            if (!value.getStatus().getErrorMessage().isEmpty() && failure == null) {
                failure = value.getStatus().getErrorMessage();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable error) {
        lock.lock();
        try {
            failLocked("writing to " + backend + " failed: " + error.getMessage());
            done = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onCompleted() {
        lock.lock();
        try {
            done = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(String reason) {
        lock.lock();
        try {
            failLocked(reason);
        } finally {
            lock.unlock();
        }
    }

    private void failLocked(String reason) {
        if (failure == null) {
            failure = reason;
        }
        changed.signalAll();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String describe(WriteRowsResponse response) {
        return response == null ? "(nothing)" : response.getStatus().getErrorMessage();
    }
}
