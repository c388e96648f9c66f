package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stale keep-alive connection CI met: a request written to a pooled connection that the server
 * closes without answering. A tiny HTTP/1.1 server on loopback plays that server.
 */
class ClickHouseHttpTest {
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  /**
   * Answers {@code answered} requests on the first connection and closes it on the next one without
   * a byte; later connections answer every request, unless {@code laterAnswer} is false.
   */
  private int serve(int answered, boolean laterAnswer) throws IOException {
    server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (!server.isClosed()) {
                  Socket socket = server.accept();
                  int connection = connections.incrementAndGet();
                  int limit = connection == 1 ? answered : laterAnswer ? Integer.MAX_VALUE : 0;
                  Thread handler = new Thread(() -> handle(socket, connection, limit));
                  handler.setDaemon(true);
                  handler.start();
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  private static void handle(Socket socket, int connection, int answered) {
    try (socket;
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      for (int request = 1; readRequest(in); request++) {
        if (request > answered) {
          return; // closed without an answer
        }
        byte[] body = ("answer " + connection + "." + request).getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** Reads one request (headers, then Content-Length bytes); false at the end of the stream. */
  private static boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return true;
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void aStatementSentOnAConnectionTheServerClosedIsSentOnceMore() throws IOException {
    ClickHouseHttp http = new ClickHouseHttp(serve(1, true), "u", "p");
    assertEquals("answer 1.1", http.send("SELECT 1", null, Map.of()));
    assertEquals("answer 2.1", http.send("SELECT 2", null, Map.of()));
    assertEquals(2, connections.get());
  }

  @Test
  void aServerThatNeverAnswersIsStillAnErrorAfterOneMoreTry() throws IOException {
    ClickHouseHttp http = new ClickHouseHttp(serve(0, false), "u", "p");
    assertThrows(ClickHouseQueryException.class, () -> http.send("SELECT 1", null, Map.of()));
    assertEquals(2, connections.get());
  }
}
