package io.edukit.vmservice.proxmoxsim.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to the {@link RequestHandler} on its own virtual thread, so modelled latency
 * never blocks the event loop, and writes the answer with PVE's headers. A connection carries one
 * request at a time (reading pauses until the answer is out), which keeps answers in order.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final RequestHandler handler;
    private final Executor executor;
    private final BooleanSupplier refusing;

    RequestDispatcher(RequestHandler handler, Executor executor, BooleanSupplier refusing) {
        this.handler = handler;
        this.executor = executor;
        this.refusing = refusing;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (refusing.getAsBoolean()) {
            ctx.close();
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        IncomingRequest incoming = new IncomingRequest(request.method().name(), request.uri(), headers,
                ByteBufUtil.getBytes(request.content()), (InetSocketAddress) ctx.channel().remoteAddress());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        ctx.channel().config().setAutoRead(false);
        executor.execute(() -> {
            OutgoingResponse response;
            try {
                response = handler.handle(incoming);
            } catch (RuntimeException e) {
                log.warn("request {} {} failed", incoming.method(), incoming.uri(), e);
                response = OutgoingResponse.text(500, "internal error", e.toString());
            }
            write(ctx, version, response, keepAlive);
        });
    }

    private static void write(ChannelHandlerContext ctx, HttpVersion version, OutgoingResponse response, boolean keepAlive) {
        if (response.drop()) {
            ctx.close();
            return;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(version,
                new HttpResponseStatus(response.status(), reasonPhrase(response)), Unpooled.wrappedBuffer(response.body()));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        out.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                .set(HttpHeaderNames.SERVER, "pve-api-daemon/3.0")
                .set(HttpHeaderNames.DATE, date)
                .set(HttpHeaderNames.EXPIRES, date)
                .set(HttpHeaderNames.CACHE_CONTROL, "max-age=0")
                .set(HttpHeaderNames.PRAGMA, "no-cache");
        boolean close = !keepAlive || response.closeConnection();
        out.headers().set(HttpHeaderNames.CONNECTION, close ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        var written = ctx.writeAndFlush(out);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else {
            written.addListener(f -> {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            });
        }
    }

    /** A reason phrase is one line of visible ASCII; PVE keeps the first line of its message. */
    private static String reasonPhrase(OutgoingResponse response) {
        String reason = response.reason().replaceAll("[\\r\\n].*", "").replaceAll("[^\\x20-\\x7E]", "?").strip();
        return reason.isEmpty() ? HttpResponseStatus.valueOf(response.status()).reasonPhrase() : reason;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error", cause);
        ctx.close();
    }
}
