package io.taskscope.cli;

/**
 * One {@code --listener NAME=CPULIST} as typed; the cpulist is checked later, against the source's machine.
 */
record ListenerOption(String name, String cpulist) {

    /** picocli converter: splits at the first '='. */
    static ListenerOption parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + text + "' is not NAME=CPULIST (for example a=0-3,8)");
        }
        return new ListenerOption(text.substring(0, eq).strip(), text.substring(eq + 1));
    }
}
