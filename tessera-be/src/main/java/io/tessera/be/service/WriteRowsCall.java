package io.tessera.be.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.StreamObserver;
import io.tessera.be.storage.tablet.PendingWrite;
import io.tessera.be.storage.tablet.RowsetWriter.WrittenRowset;
import io.tessera.be.storage.tablet.TabletStore;
import io.tessera.common.TesseraException;
import io.tessera.proto.backend.WriteHeader;
import io.tessera.proto.backend.WriteRowsRequest;
import io.tessera.proto.data.RowBatch;
import io.tessera.proto.backend.StatusCode;
import io.tessera.proto.backend.WriteRowsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WriteRows stream: the header (first message) opens a {@link PendingWrite}, each batch is
 * validated and appended (an {@code encoded_batch} is decoded first; a message may carry one of
 * the two, not both), and eos makes the rowset durable and answers with the rows and bytes
 * written. The first error answers at once, discards everything written so far, and the rest of
 * the stream is ignored; a stream that ends or breaks without eos leaves nothing either.
 *
 * <p>Threading: gRPC delivers one stream's messages one at a time, so no locking is needed.
 */
final class WriteRowsCall implements StreamObserver<WriteRowsRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(WriteRowsCall.class);

    private final TabletStore store;
    private final StreamObserver<WriteRowsResponse> response;
    private PendingWrite write;
    private WriteHeader header;
    private boolean answered;

    WriteRowsCall(TabletStore store, StreamObserver<WriteRowsResponse> response) {
        this.store = store;
        this.response = response;
    }

    @Override
    public void onNext(WriteRowsRequest request) {
        if (answered) {
            return;
        }
        try {
            if (write == null) {
                if (!request.hasHeader()) {
                    throw new TesseraException("the first message must carry the header");
                }
                header = request.getHeader();
                write = store.beginWrite(header.getTransactionId(), header.getTabletId(), header.getReplicaId());
            } else if (request.hasHeader()) {
                throw new TesseraException("the header was sent twice");
            }
            if (request.hasBatch() && !request.getEncodedBatch().isEmpty()) {
                throw new TesseraException("a message sets both batch and encoded_batch; send one of them");
            }
            if (request.hasBatch()) {
                write.append(request.getBatch());
            }
            if (!request.getEncodedBatch().isEmpty()) {
                write.append(decode(request.getEncodedBatch()));
            }
            if (request.getEos()) {
                WrittenRowset written = write.commit();
                answer(WriteRowsResponse.newBuilder().setStatus(Failures.ok()).setRowsWritten(written.rowCount())
                        .setBytesWritten(written.byteSize()).build());
            }
        } catch (Exception e) {
            discard();
            String message = e instanceof TesseraException ? context() + ": " + e.getMessage()
                    : Failures.describe(e, context(), LOG);
            answer(WriteRowsResponse.newBuilder().setStatus(Failures.status(Failures.code(e), message)).build());
        }
    }

    /**
     * The batch an {@code encoded_batch} carries; bytes that are not one are the sender's error,
     * answered as an invalid request (logged at debug only: a peer sending garbage must not fill the log).
     */
    private RowBatch decode(ByteString encoded) {
        try {
            return RowBatch.parseFrom(encoded);
        } catch (InvalidProtocolBufferException e) {
            LOG.debug("{}: encoded_batch is not a RowBatch: {}", context(), e.getMessage());
            throw new TesseraException("encoded_batch is not a RowBatch: " + e.getMessage());
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (!answered) {
            LOG.info("{}: the client broke off the stream ({}); nothing was written", context(), failure.toString());
            discard();
            answered = true;
        }
    }

    @Override
    public void onCompleted() {
        if (!answered) {
            discard();
            answer(WriteRowsResponse.newBuilder().setStatus(Failures.status(StatusCode.INVALID_REQUEST, context()
                    + ": the stream ended without eos; nothing was written")).build());
        }
    }

    private void answer(WriteRowsResponse message) {
        answered = true;
        if (write != null) {
            write.close();
        }
        response.onNext(message);
        response.onCompleted();
    }

    private void discard() {
        if (write != null) {
            write.close();
        }
    }

    private String context() {
        if (header == null) {
            return "WriteRows";
        }
        return "WriteRows of transaction " + header.getTransactionId() + " to tablet " + header.getTabletId()
                + " replica " + header.getReplicaId();
    }
}
