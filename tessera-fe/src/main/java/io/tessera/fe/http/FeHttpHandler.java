package io.tessera.fe.http;

import io.tessera.common.FaultReport;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection to the FE: answers each request as soon as its headers arrive (never sending
 * {@code 100 Continue}, so an uploading client sends its body to the backend it is redirected to
 * instead), then closes the connection. A body the client sends anyway is read and dropped before
 * the close, so the client is not reset while it still writes. A request the codec could not
 * read, or with too many headers, is refused ({@link HttpRequestRefusals}) and the connection closed.
 *
 * <p>Threading: one instance per connection, on that connection's event loop.
 */
final class FeHttpHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final Logger LOG = LoggerFactory.getLogger(FeHttpHandler.class);

    private final FeHttpRoutes routes;
    private final int maxHeaderCount;
    private boolean answered;
    private boolean closeAtBodyEnd;

    FeHttpHandler(FeHttpRoutes routes, int maxHeaderCount) {
        this.routes = routes;
        this.maxHeaderCount = maxHeaderCount;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
        if (message instanceof HttpRequest request && !answered) {
            answered = true;
            Optional<HttpAnswer> refusal = HttpRequestRefusals.of(request, maxHeaderCount);
            if (refusal.isPresent()) {
                send(context, refusal.get(), true);
                return;
            }
            String remote = context.channel().remoteAddress() instanceof InetSocketAddress address
                    ? address.getAddress().getHostAddress() : String.valueOf(context.channel().remoteAddress());
            HttpAnswer answer;
            try {
                answer = routes.answer(request.method().name(), request.uri(),
                        request.headers().get(HttpHeaderNames.AUTHORIZATION), request.headers().get("label"), remote);
            } catch (RuntimeException e) {
                LOG.error("HTTP {} {} from {} failed", request.method(), request.uri(), remote, e);
                answer = HttpAnswer.rest(500, "Internal Server Error",
                        FaultReport.FRONTEND.message("answering the request"));
            }
            boolean bodyComing = !(message instanceof LastHttpContent)
                    && (HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0)
                    && !HttpUtil.is100ContinueExpected(request);
            send(context, answer, !bodyComing);
            closeAtBodyEnd = bodyComing;
            return;
        }
        if (message instanceof LastHttpContent && closeAtBodyEnd) {
            closeAtBodyEnd = false;
            context.close();
        }
    }

    private static void send(ChannelHandlerContext context, HttpAnswer answer, boolean closeAfter) {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.headers().set(header.getKey(), header.getValue());
        }
        if (closeAfter) {
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            context.writeAndFlush(response);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("HTTP connection from {} failed: {}", context.channel().remoteAddress(), cause.toString());
        context.close();
    }
}
