package io.liora.conversation.log;

/**
 * RFC 4180 cells, safe to open in a spreadsheet: a cell that starts with {@code = + - @} (or a
 * tab or carriage return) gets a leading apostrophe so it is shown, not evaluated; quotes are
 * doubled; cells with commas, quotes or line breaks are quoted; rows end with CRLF.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String row(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append("\r\n").toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
