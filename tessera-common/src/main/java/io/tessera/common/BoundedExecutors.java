package io.tessera.common;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Thread pools whose thread count never grows with the work given to them: a fixed number of
 * named daemon threads over a queue. What gRPC servers and channels run calls and callbacks on,
 * instead of gRPC's default cached pool, which starts one thread per blocked call.
 *
 * <p>Threading: the pools are thread-safe; this class is stateless.
 */
public final class BoundedExecutors {
    private BoundedExecutors() {
    }

    /**
     * A pool of {@code threads} threads named {@code <name>-1, <name>-2, ...} whose queue holds at
     * most {@code queueCapacity} tasks; a task beyond that is refused with
     * {@link java.util.concurrent.RejectedExecutionException}.
     */
    public static ThreadPoolExecutor fixed(String name, int threads, int queueCapacity) {
        return create(name, threads, new ArrayBlockingQueue<>(queueCapacity));
    }

    /**
     * A pool of {@code threads} threads whose queue is not capped: only for work whose amount is
     * bounded elsewhere (the callbacks of calls a caller already limits), so that a callback is
     * never dropped.
     */
    public static ThreadPoolExecutor fixedUnqueued(String name, int threads) {
        return create(name, threads, new LinkedBlockingQueue<>());
    }

    private static ThreadPoolExecutor create(String name, int threads, BlockingQueue<Runnable> queue) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + ": threads must be at least 1, got " + threads);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
                new NamedThreads(name), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
