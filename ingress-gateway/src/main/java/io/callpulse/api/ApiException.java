package io.callpulse.api;

/**
 * A request the API answers with an error status and a JSON body {@code {error, message[,
 * parameter]}}.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String error;
  private final String parameter;

  private ApiException(int status, String error, String parameter, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.parameter = parameter;
  }

  static ApiException badParameter(String parameter, String message) {
    return new ApiException(400, "bad_parameter", parameter, message);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", null, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", null, message);
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, "storage_unavailable", null, message);
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String parameter() {
    return parameter;
  }
}
