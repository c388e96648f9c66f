package io.callpulse.gateway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keep-alive connections to one endpoint, on one Netty event loop of their own, and the signed
 * requests pre-encoded as bytes. The generator shares two cores with what it measures, so it does
 * as little as it can per request: a write of ready bytes and a read of the answer, no client
 * library's routing, header maps or pooling in between.
 */
final class LoadTarget implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final List<LoadConnection> connections = new ArrayList<>();
  private final ByteBuf[] requests;
  private final int port;

  private LoadTarget(int port, ByteBuf[] requests) {
    this.port = port;
    this.requests = requests;
    this.group =
        new MultiThreadIoEventLoopGroup(
            1,
            new DefaultThreadFactory("bench-client"),
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
  }

  /** Opens {@code connections} connections to {@code 127.0.0.1:port} for POSTs to {@code path}. */
  static LoadTarget open(
      int port, String path, List<NcsTraffic.SignedRequest> pool, int connections)
      throws InterruptedException {
    ByteBuf[] encoded = new ByteBuf[pool.size()];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = encode(port, path, pool.get(i));
    }
    LoadTarget target = new LoadTarget(port, encoded);
    for (int i = 0; i < connections; i++) {
      target.connections.add(new LoadConnection());
    }
    target.reconnect();
    return target;
  }

  /** Reopens the connections that closed (the server may close idle ones between steps). */
  void reconnect() throws InterruptedException {
    for (LoadConnection connection : connections) {
      if (connection.open()) {
        continue;
      }
      connection.attach(
          bootstrap
              .clone()
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel.pipeline().addLast(new HttpResponseDecoder(), connection);
                    }
                  })
              .connect("127.0.0.1", port)
              .sync()
              .channel());
    }
  }

  EventLoop loop() {
    return group.next();
  }

  List<LoadConnection> connections() {
    return connections;
  }

  /** The bytes of request {@code n}: the pool in turn. */
  ByteBuf request(long n) {
    return requests[(int) (n % requests.length)];
  }

  static ByteBuf encode(int port, String path, NcsTraffic.SignedRequest request) {
    StringBuilder head =
        new StringBuilder("POST ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
            .append(port)
            .append("\r\n");
    MultiMap headers = request.headers();
    for (Map.Entry<String, String> header : headers) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(request.body().length()).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] body = request.body().getBytes();
    return Unpooled.unreleasableBuffer(
        Unpooled.directBuffer(headBytes.length + body.length)
            .writeBytes(headBytes)
            .writeBytes(body));
  }

  @Override
  public void close() {
    group.shutdownGracefully().syncUninterruptibly();
  }
}
