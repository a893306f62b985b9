package io.edukit.vmservice.proxmoxsim.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.BooleanSupplier;

/** Closes new connections at once while the "refuse connections" fault is in force. */
@ChannelHandler.Sharable
final class ConnectionGate extends ChannelInboundHandlerAdapter {

    private final BooleanSupplier refusing;

    ConnectionGate(BooleanSupplier refusing) {
        this.refusing = refusing;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (refusing.getAsBoolean()) {
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }
}
