package io.tessera.be.heartbeat;

import io.grpc.stub.ServerCallStreamObserver;
import io.tessera.proto.heartbeat.WatchEvent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Watch streams FEs keep open to this BE. Each gets one event (the BE's start time) and then
 * stays open; its end is the FE's signal that the BE went away. When the BE shuts down, every open
 * stream is completed, so FEs learn of a graceful stop at once.
 *
 * <p>Threading: thread-safe; every method is synchronized, which also serializes calls on each
 * stream observer (gRPC observers are not thread-safe).
 */
public final class WatchStreams {
    private final WatchEvent event;
    private final Set<ServerCallStreamObserver<WatchEvent>> open = new LinkedHashSet<>();
    private boolean closed;

    /** @param startTimeMs when the BE process started (wall ms), the content of every event */
    public WatchStreams(long startTimeMs) {
        this.event = WatchEvent.newBuilder().setStartTimeMs(startTimeMs).build();
    }

    /** Sends the opening event and keeps the stream until it is cancelled or the BE shuts down. */
    public synchronized void open(ServerCallStreamObserver<WatchEvent> stream) {
        stream.setOnCancelHandler(() -> remove(stream));
        stream.onNext(event);
        if (closed) {
            stream.onCompleted();
            return;
        }
        open.add(stream);
    }

    /** How many streams are open. */
    public synchronized int openCount() {
        return open.size();
    }

    /** Completes every open stream; streams opened later complete right after their event. */
    public synchronized void completeAll() {
        closed = true;
        List<ServerCallStreamObserver<WatchEvent>> streams = List.copyOf(open);
        open.clear();
        for (ServerCallStreamObserver<WatchEvent> stream : streams) {
            if (!stream.isCancelled()) {
                stream.onCompleted();
            }
        }
    }

    private synchronized void remove(ServerCallStreamObserver<WatchEvent> stream) {
        open.remove(stream);
    }
}
