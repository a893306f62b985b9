package io.edukit.vmservice.proxmoxsim.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;

/**
 * The HTTPS listener: TLS with the generated certificate, HTTP/1.1 with keep-alive, gzip for
 * bodies over 1 KiB when the client accepts it (as pveproxy does), requests up to 1 MiB.
 */
public final class HttpsServer implements AutoCloseable {

    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ExecutorService requestThreads;
    private final Channel channel;
    private final int port;

    private HttpsServer(EventLoopGroup acceptors, EventLoopGroup workers, ExecutorService requestThreads, Channel channel) {
        this.acceptors = acceptors;
        this.workers = workers;
        this.requestThreads = requestThreads;
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public static HttpsServer start(String bindAddress, int port, TlsMaterial tls, RequestHandler handler,
            BooleanSupplier refusingConnections) {
        SslContext ssl;
        try {
            ssl = SslContextBuilder.forServer(tls.privateKey(), tls.certificate()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ExecutorService requestThreads = Executors.newVirtualThreadPerTaskExecutor();
        ConnectionGate gate = new ConnectionGate(refusingConnections);
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast("gate", gate)
                                    .addLast("tls", ssl.newHandler(ch.alloc()))
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("gzip", new HttpContentCompressor(1024,
                                            StandardCompressionOptions.gzip(), StandardCompressionOptions.deflate()))
                                    .addLast("aggregate", new HttpObjectAggregator(1 << 20))
                                    .addLast("dispatch", new RequestDispatcher(handler, requestThreads, refusingConnections));
                        }
                    })
                    .bind(bindAddress, port)
                    .syncUninterruptibly()
                    .channel();
            return new HttpsServer(acceptors, workers, requestThreads, channel);
        } catch (RuntimeException e) {
            acceptors.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            requestThreads.shutdownNow();
            throw e;
        }
    }

    /** The bound port (known even after close). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        acceptors.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).syncUninterruptibly();
        requestThreads.shutdownNow();
    }
}
