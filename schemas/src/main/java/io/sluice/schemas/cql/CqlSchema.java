package io.sluice.schemas.cql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables that the CQL files of {@code schemas/cql} make, read from those files: each table's
 * columns and their CQL types, after every migration (a later {@code ALTER TABLE ... ADD} adds to
 * the table an earlier one created). Code that names a table or a column is checked against it.
 */
public final class CqlSchema {

  private static final String KEYSPACE = "ks";
  private static final Pattern CREATE = Pattern.compile(
      "(?si)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + KEYSPACE + "\\.(\\w+)\\s*(\\(.*)");
  private static final Pattern ALTER_ADD = Pattern.compile(
      "(?si)ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + KEYSPACE + "\\.(\\w+)\\s+ADD\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)"
          + "\\s+([\\w<>, ]+?)\\s*;");
  private static final Pattern COLUMN = Pattern.compile("(?i)(\\w+)\\s+(.+?)(?:\\s+PRIMARY\\s+KEY)?");
  private static final Pattern KEY_DEFINITION = Pattern.compile("(?i)PRIMARY\\s+KEY\\b.*");

  private final Map<String, Map<String, String>> tables;

  private CqlSchema(Map<String, Map<String, String>> tables) {
    this.tables = tables;
  }

  /** The schema of the migrations bundled with Sluice ({@link CqlMigrator#bundled()}). */
  public static CqlSchema bundled() {
    return of(CqlMigrator.bundled());
  }

  static CqlSchema of(List<Migration> migrations) {
    Map<String, Map<String, String>> tables = new LinkedHashMap<>();
    for (Migration migration : migrations) {
      for (String statement : migration.statements(KEYSPACE)) {
        Matcher create = CREATE.matcher(statement);
        Matcher alter = ALTER_ADD.matcher(statement);
        if (create.matches()) {
          tables.put(create.group(1), columns(parenthesized(create.group(2)), migration));
        } else if (alter.matches()) {
          Map<String, String> table = tables.get(alter.group(1));
          if (table == null) {
            throw new IllegalStateException("Migration " + migration.version() + " alters " + alter.group(1)
                + ", which no earlier migration creates");
          }
          table.put(alter.group(2), alter.group(3).trim());
        } else {
          throw new IllegalStateException("Migration " + migration.version() + " has a statement that is neither"
              + " CREATE TABLE nor ALTER TABLE ... ADD: " + statement);
        }
      }
    }
    tables.replaceAll((name, columns) -> Collections.unmodifiableMap(columns));
    return new CqlSchema(Collections.unmodifiableMap(tables));
  }

  /** The definitions of a column list, split at its top-level commas. */
  private static Map<String, String> columns(List<String> definitions, Migration migration) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String definition : definitions) {
      if (KEY_DEFINITION.matcher(definition).matches()) {
        continue;
      }
      Matcher column = COLUMN.matcher(definition);
      if (!column.matches()) {
        throw new IllegalStateException("Migration " + migration.version() + ": not a column definition: " + definition);
      }
      columns.put(column.group(1), column.group(2));
    }
    return columns;
  }

  /** The comma-separated items inside the parentheses that {@code text} starts with (not split inside {@code <>}). */
  private static List<String> parenthesized(String text) {
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    int depth = 0;
    int typeArguments = 0;
    for (char c : text.toCharArray()) {
      typeArguments += c == '<' ? 1 : c == '>' ? -1 : 0;
      if (c == '(' && depth++ == 0) {
        continue;
      }
      if (c == ')' && --depth == 0) {
        items.add(item.toString().trim());
        return items;
      }
      if (c == ',' && depth == 1 && typeArguments == 0) {
        items.add(item.toString().trim());
        item.setLength(0);
      } else {
        item.append(c);
      }
    }
    throw new IllegalStateException("Unbalanced parentheses in " + text);
  }

  public Map<String, Map<String, String>> tables() {
    return tables;
  }

  /** The columns of a table and their CQL types, in the order they were defined. */
  public Optional<Map<String, String>> table(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** The CQL type of a column, if the table has it. */
  public Optional<String> type(String table, String column) {
    return table(table).map(columns -> columns.get(column));
  }
}
