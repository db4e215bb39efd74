package dev.patchbay.contract;

/**
 * Writes the {@code java.util.Properties} text format, the one escaper of both sides of the worker config: the
 * operator renders {@code worker.properties} and {@code loggers.properties} into the ConfigMap with it, and the
 * worker image writes the worker's effective {@code worker.properties} with it; both are read by
 * {@link java.util.Properties#load(java.io.InputStream)}. Every character outside printable ASCII is written as
 * {@code \\uXXXX}, so the text reads back the same whatever encoding the reader assumes.
 */
public final class PropertiesText {

  private PropertiesText() {
  }

  /** Appends the line {@code key=value} with both sides escaped; a null value is written as empty. */
  public static void appendLine(StringBuilder out, String key, String value) {
    out.append(escape(key, true)).append('=').append(escape(value == null ? "" : value, false)).append('\n');
  }

  /**
   * Escapes {@code s} as a key or a value. Backslashes and control characters are escaped everywhere. A key also
   * escapes every separator ({@code =}, {@code :}, space) and comment character ({@code #}, {@code !}); a value only
   * when one of them comes first, which matters for a space (the reader drops white space before a value) and does
   * no harm for the others.
   */
  public static String escape(String s, boolean isKey) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!', ' ' -> {
          if (isKey || i == 0) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
