package io.tessera.fe.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an FE HTTP connection that has not finished within {@code http_request_timeout_second}
 * of being opened. A read-idle timer is not enough: a client that sends one header byte every few
 * seconds is never idle, yet never finishes. The FE closes every connection after one answer, so a
 * deadline from the open bounds the header, any body the client sends anyway, and the answer.
 *
 * <p>Threading: one instance per connection, on its event loop (where the timer also fires).
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
    private final long timeoutMs;
    private ScheduledFuture<?> timer;

    RequestDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        timer = context.executor().schedule(() -> {
            context.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(context);
    }
}
