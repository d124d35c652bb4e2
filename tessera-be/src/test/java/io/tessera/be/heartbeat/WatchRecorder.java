package io.tessera.be.heartbeat;

import io.grpc.stub.StreamObserver;
import io.tessera.proto.heartbeat.WatchEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a client sees on a Watch stream. Thread-safe. */
public final class WatchRecorder implements StreamObserver<WatchEvent> {
    public final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean completed;
    private volatile Throwable error;

    @Override
    public void onNext(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
    }

    @Override
    public void onCompleted() {
        completed = true;
    }

    public boolean completed() {
        return completed;
    }

    public Throwable error() {
        return error;
    }
}
