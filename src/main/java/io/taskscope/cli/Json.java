package io.taskscope.cli;

/** The little JSON the CLI writes: strings escaped per RFC 8259. */
final class Json {
    private Json() {
    }

    static String string(String s) {
        return io.taskscope.export.JsonText.string(s);
    }
}
