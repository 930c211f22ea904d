package dev.keyward.domain.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma, CRLF, double quotes), with one addition that keeps a value's absence: an absent value
 * is an empty cell, an empty text is {@code ""}. A cell that a spreadsheet would run as a formula ({@code = + - @}
 * (or an apostrophe) first) is written with a leading apostrophe inside its quotes, which reading takes off again.
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        boolean formula = !value.isEmpty() && "=+-@'".indexOf(value.charAt(0)) >= 0 && !isNumber(value);
        if (!formula && !value.isEmpty() && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return value;
        }
        return "\"" + (formula ? "'" : "") + value.replace("\"", "\"\"") + "\"";
    }

    private static boolean isNumber(String value) {
        return value.matches("[-+]?[0-9]+(\\.[0-9]+)?");
    }

    /** The rows of a CSV text; an unquoted empty cell reads as absent ({@code null}), a formula guard is taken off. */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(finish(cell, wasQuoted));
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(finish(cell, wasQuoted));
                wasQuoted = false;
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted cell is not closed");
        }
        if (cell.length() > 0 || wasQuoted || !row.isEmpty()) {
            row.add(finish(cell, wasQuoted));
            rows.add(row);
        }
        return rows;
    }

    private static String finish(StringBuilder cell, boolean wasQuoted) {
        String value = cell.toString();
        cell.setLength(0);
        if (!wasQuoted) {
            return value.isEmpty() ? null : value;
        }
        return value.startsWith("'") ? value.substring(1) : value;
    }
}
