package io.tessera.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.tessera.common.BoundedExecutors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The drain benchmark's second baseline: what gRPC alone carries on this machine, with no disk and
 * no Tessera code. {@code streams} server streams on one connection (a backend pulls every clone
 * from one peer over one channel), send
 * {@code bytesPerStream} in chunks of {@code chunkBytes} from memory, with gRPC's default
 * flow-control settings, as a clone's stream has; each reader takes one message at a time through
 * a blocking stub and checksums it, as a clone's reader does before it writes.
 * Both ends run in this JVM (cold, like a backend that has not cloned before), so the figure is an
 * upper bound for a clone stream between two processes, not a measurement of one.
 *
 * <p>Threading: {@link #measure} runs the senders and readers on bounded pools of its own (one
 * thread per stream each) and the server's callbacks on two threads, never on Netty's event loops;
 * all are shut down before it returns.
 */
final class TransportCeiling {

    private TransportCeiling() {
    }

    /** Seconds to carry every stream's bytes, from the first call to the last byte read. */
    static double measure(String host, int streams, long bytesPerStream, int chunkBytes) throws Exception {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.SERVER_STREAMING).setFullMethodName("bench.Ceiling/Fetch")
                .setRequestMarshaller(new Bytes()).setResponseMarshaller(new Bytes()).build();
        byte[] source = new byte[chunkBytes];
        new SplittableRandom(5).nextBytes(source);
        // One sender and one reader per stream, never more tasks than that; the server's call
        // callbacks (start, on-ready) only hand work to a sender or wake it, so two threads serve
        // every call and nothing blocks a Netty event loop.
        ExecutorService senders = BoundedExecutors.fixed("ceiling-send", streams, streams);
        ExecutorService calls = BoundedExecutors.fixedUnqueued("ceiling-call", 2);
        ExecutorService readers = BoundedExecutors.fixed("ceiling-read", streams, streams);
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Ceiling").addMethod(method,
                ServerCalls.asyncServerStreamingCall((request, observer) -> {
                    ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) observer;
                    Object ready = new Object();
                    call.setOnReadyHandler(() -> {
                        synchronized (ready) {
                            ready.notifyAll();
                        }
                    });
                    senders.execute(() -> send(call, ready, source, bytesPerStream));
                })).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0)).addService(service)
                .executor(calls).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, server.getPort()).usePlaintext()
                .executor(calls).maxInboundMessageSize(64 << 20).build();
        try {
            long startNs = System.nanoTime();
            List<Future<Long>> received = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                received.add(readers.submit(() -> read(channel, method)));
            }
            long bytes = 0;
            for (Future<Long> future : received) {
                bytes += future.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - startNs) / 1e9;
            if (bytes != streams * bytesPerStream) {
                throw new IllegalStateException("the transport baseline read " + bytes + " bytes, not "
                        + streams * bytesPerStream);
            }
            return seconds;
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
            senders.shutdownNow();
            readers.shutdownNow();
            calls.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void send(ServerCallStreamObserver<byte[]> call, Object ready, byte[] source, long bytes) {
        for (long sent = 0; sent < bytes; sent += source.length) {
            synchronized (ready) {
                while (!call.isReady() && !call.isCancelled()) {
                    try {
                        ready.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (call.isCancelled()) {
                return;
            }
            int length = (int) Math.min(source.length, bytes - sent);
            byte[] chunk = new byte[length];
            System.arraycopy(source, 0, chunk, 0, length);
            call.onNext(chunk);
        }
        call.onCompleted();
    }

    private static long read(ManagedChannel channel, MethodDescriptor<byte[], byte[]> method) {
        Iterator<byte[]> chunks = ClientCalls.blockingServerStreamingCall(channel, method, CallOptions.DEFAULT,
                new byte[0]);
        CRC32C crc = new CRC32C();
        long bytes = 0;
        while (chunks.hasNext()) {
            byte[] chunk = chunks.next();
            crc.update(chunk);
            bytes += chunk.length;
        }
        return bytes;
    }

    /** Messages that are their bytes. */
    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
