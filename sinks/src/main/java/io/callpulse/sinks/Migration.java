package io.callpulse.sinks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of {@code db/migration}: {@code V<version>__<name>.sql}.
 *
 * @param version the number in the file name; files apply in ascending order
 * @param name the part after {@code __}, for people
 * @param script the file's text, placeholders unfilled
 * @param checksum SHA-256 of the text before placeholders are filled, so changing a setting such as
 *     the raw TTL does not count as editing the file
 */
public record Migration(int version, String name, String script, String checksum) {

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

  /** Reads a migration from its file name and text; fails on names that do not follow the rule. */
  public static Migration of(String fileName, String script) {
    Matcher matcher = FILE_NAME.matcher(fileName);
    if (!matcher.matches()) {
      throw new MigrationException(
          "migration file " + fileName + " must be named V<number>__<name>.sql");
    }
    return new Migration(
        Integer.parseInt(matcher.group(1)), matcher.group(2), script, sha256(script));
  }

  public static boolean isMigrationFile(String fileName) {
    return fileName.endsWith(".sql");
  }

  /** The file name this migration came from, as people know it. */
  public String fileName() {
    return String.format("V%03d__%s.sql", version, name);
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
