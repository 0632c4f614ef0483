package io.taskscope.export;

/** CSV fields quoted per RFC 4180, only where needed. */
public final class CsvText {
    private CsvText() {
    }

    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
