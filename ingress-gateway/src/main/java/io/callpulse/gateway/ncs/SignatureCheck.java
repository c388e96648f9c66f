package io.callpulse.gateway.ncs;

import io.callpulse.gateway.config.AppConfig;
import io.callpulse.gateway.config.SignatureMode;
import io.callpulse.model.IngestHeaders;
import io.callpulse.model.NcsSignature;
import io.callpulse.model.ParseResult;
import java.util.List;

/**
 * What the signature of one NCS request proved, under the app's mode.
 *
 * @param status the {@link IngestHeaders#SIGNATURE} value for the record
 * @param problem why the request is refused (401), null when it passes
 */
public record SignatureCheck(String status, String problem) {

  public boolean passed() {
    return problem == null;
  }

  /**
   * Agora signs with the secret of the notification's product, which only the body names: a parsed
   * body selects that product's secrets; a body too broken to parse is checked against all of the
   * app's secrets, so a stranger learns nothing about what is wrong with it.
   */
  public static SignatureCheck of(
      AppConfig app, ParseResult parsed, byte[] body, String v2Header, String v1Header) {
    if (app.signature() == SignatureMode.OFF) {
      return new SignatureCheck(IngestHeaders.SIGNATURE_UNCHECKED, null);
    }
    List<String> secrets =
        parsed instanceof ParseResult.Accepted accepted
            ? app.secretsFor(accepted.event().productId())
            : app.allSecrets();
    NcsSignature.Verdict verdict = NcsSignature.verify(secrets, body, v2Header, v1Header);
    return switch (verdict) {
      case VALID_V2 -> new SignatureCheck(IngestHeaders.SIGNATURE_V2, null);
      case VALID_V1 -> new SignatureCheck(IngestHeaders.SIGNATURE_V1, null);
      case MISSING ->
          app.signature() == SignatureMode.OPTIONAL
              ? new SignatureCheck(IngestHeaders.SIGNATURE_ABSENT, null)
              : new SignatureCheck(
                  IngestHeaders.SIGNATURE_ABSENT,
                  "missing "
                      + NcsSignature.HEADER_V2
                      + " (or "
                      + NcsSignature.HEADER_V1
                      + ") header");
      case INVALID ->
          new SignatureCheck(
              null,
              secrets.isEmpty()
                  ? "no secret is configured for this product"
                  : "signature does not match the body");
    };
  }
}
