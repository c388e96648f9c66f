package io.callpulse.gateway.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import java.io.IOException;

/**
 * What a validator may look at: headers, raw body, peer address; the JSON is parsed at most once.
 */
public final class HookRequest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final MultiMap headers;
  private final byte[] body;
  private final String sourceIp;
  private JsonNode json;
  private boolean parsed;

  public HookRequest(MultiMap headers, byte[] body, String sourceIp) {
    this.headers = headers;
    this.body = body;
    this.sourceIp = sourceIp;
  }

  public String header(String name) {
    return headers.get(name);
  }

  public byte[] body() {
    return body;
  }

  public String sourceIp() {
    return sourceIp;
  }

  /** The body as JSON, or null when it is not JSON. */
  public JsonNode json() {
    if (!parsed) {
      parsed = true;
      try {
        json = body.length == 0 ? null : MAPPER.readTree(body);
      } catch (IOException e) {
        json = null;
      }
    }
    return json;
  }
}
