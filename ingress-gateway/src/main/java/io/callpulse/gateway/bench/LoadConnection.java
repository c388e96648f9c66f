package io.callpulse.gateway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: at most one request in flight, as an
 * Agora sender does. Everything runs on the target's single event loop, so nothing here is shared.
 */
final class LoadConnection extends SimpleChannelInboundHandler<HttpObject> {
  /** Told, on the event loop, when a request ended. */
  interface Listener {
    void answered(LoadConnection connection, long request, int status);

    void failed(LoadConnection connection, long request);
  }

  private Channel channel;
  private Listener listener;
  private long request = -1;
  private int status;

  void attach(Channel channel) {
    this.channel = channel;
  }

  boolean open() {
    return channel != null && channel.isActive();
  }

  /** Open and with nothing in flight (a step that timed out may leave a request behind). */
  boolean free() {
    return open() && request < 0;
  }

  /**
   * Sends request number {@code n}, its pre-encoded bytes (an unreleasable buffer: the duplicate
   * written shares them); the listener hears how it ended.
   */
  void send(long n, ByteBuf encoded, Listener listener) {
    this.request = n;
    this.listener = listener;
    this.status = 0;
    channel.writeAndFlush(encoded.duplicate(), channel.voidPromise());
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
    if (message instanceof HttpResponse response) {
      status = response.status().code();
    }
    if (message instanceof LastHttpContent && request >= 0) {
      long answered = request;
      request = -1;
      listener.answered(this, answered, status);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (request >= 0) {
      long failed = request;
      request = -1;
      listener.failed(this, failed);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
