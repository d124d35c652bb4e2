package io.tessera.fe.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The first handler of a connection on a port with {@code enable_ssl = true}: looks at the client's
 * first packet and, when it is an SSLRequest (a 32-byte payload whose capability flags ask for SSL and
 * protocol 4.1), consumes it, puts the connection's {@link io.netty.handler.ssl.SslHandler} in its own
 * place and passes an {@link SslRequest} on to the {@link ConnectionHandler}; the client's TLS
 * ClientHello, which may have arrived in the same read, goes straight to the new handler (Netty hands
 * a replaced decoder's unread bytes to its replacement). Any other first packet (a plain handshake
 * response) leaves the bytes untouched for the {@link PacketDecoder} and removes this handler, so a
 * client that does not ask for TLS logs in as before.
 *
 * <p>Threading: one instance per connection, on its event loop.
 */
final class TlsUpgrade extends ByteToMessageDecoder {
    static final int SSL_REQUEST_PAYLOAD_BYTES = 32;
    private static final int FLAGS_NEEDED = Capabilities.SSL | Capabilities.PROTOCOL_41;

    private final MysqlTls tls;

    TlsUpgrade(MysqlTls tls) {
        this.tls = tls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < PacketDecoder.HEADER_BYTES) {
            return;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedMediumLE(start);
        if (length != SSL_REQUEST_PAYLOAD_BYTES) {
            ctx.pipeline().remove(this);
            return;
        }
        if (in.readableBytes() < PacketDecoder.HEADER_BYTES + SSL_REQUEST_PAYLOAD_BYTES) {
            return;
        }
        int flags = in.getIntLE(start + PacketDecoder.HEADER_BYTES);
        if ((flags & FLAGS_NEEDED) != FLAGS_NEEDED) {
            ctx.pipeline().remove(this);
            return;
        }
        int sequenceId = in.getUnsignedByte(start + 3);
        in.skipBytes(PacketDecoder.HEADER_BYTES + SSL_REQUEST_PAYLOAD_BYTES);
        ctx.pipeline().replace(this, "mysql-tls", tls.newHandler(ctx.alloc()));
        out.add(new SslRequest(sequenceId, flags));
    }
}
