package io.sluice.schemas.cql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned CQL file, {@code NNN_name.cql}: its statements, run in order, once. */
public record Migration(int version, String name, String text) {

  private static final Pattern FILE_NAME = Pattern.compile("(\\d{3})_([a-z0-9_]+)\\.cql");

  public static Migration fromFile(String fileName, String text) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("CQL migration files are named NNN_name.cql, not " + fileName);
    }
    return new Migration(Integer.parseInt(m.group(1)), m.group(2), text);
  }

  /** The statements with the keyspace filled in; comments dropped, split at each {@code ;} that ends a line. */
  public List<String> statements(String keyspace) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().trim().replace("${keyspace}", keyspace));
        current.setLength(0);
      }
    }
    if (current.toString().trim().length() > 0) {
      throw new IllegalArgumentException("Migration " + version + " ends without ';'");
    }
    return statements;
  }

  /** Identifies the text, so an edit to an applied migration is noticed rather than silently skipped. */
  public String checksum() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
