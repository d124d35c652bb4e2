package io.tessera.fe.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the FE's open HTTP connections at {@code http_max_connections}: a connection past the cap
 * is answered {@code 503 Service Unavailable} and closed before anything it sends is read, so a
 * flood of connections costs the FE one counter and a short write each.
 *
 * <p>Threading: one shared instance for all connections; the count is atomic.
 */
@ChannelHandler.Sharable
final class HttpConnectionGate extends ChannelInboundHandlerAdapter {
    static final String TOO_MANY = "Too many HTTP connections: http_max_connections is ";

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();

    HttpConnectionGate(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Connections open now, over the cap or not. */
    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        if (open.incrementAndGet() > maxConnections) {
            context.channel().config().setAutoRead(false);
            byte[] body = (TOO_MANY + maxConnections).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        open.decrementAndGet();
        super.channelInactive(context);
    }
}
