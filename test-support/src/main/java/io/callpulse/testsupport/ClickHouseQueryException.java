package io.callpulse.testsupport;

/** ClickHouse refused a statement sent over HTTP; carries the HTTP status and ClickHouse's text. */
public final class ClickHouseQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  ClickHouseQueryException(int httpStatus, String sql, String response) {
    super(
        "ClickHouse answered HTTP "
            + httpStatus
            + " to ["
            + abbreviate(sql)
            + "]: "
            + response.strip());
    this.httpStatus = httpStatus;
  }

  /** 403 for a wrong password, 400/404/500 for bad statements, as ClickHouse maps its codes. */
  public int httpStatus() {
    return httpStatus;
  }

  private static String abbreviate(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }
}
