package io.taskscope.cli;

import io.taskscope.core.ListenerSet;
import io.taskscope.source.SourceInfo;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --listeners-file FILE}: one {@code NAME=CPULIST} a line, as {@code --listener} takes them; blank lines and
 * lines starting with # are skipped. Read at start and again on SIGHUP; a file that cannot be used is a one-line
 * reason, never a half-applied set.
 */
final class ListenersFile {

    /** Why the file gives no listeners, for people: "listeners.conf:3: 'x' is not NAME=CPULIST ...". */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    private final Path path;

    ListenersFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The listeners the file defines, checked against {@code machine} as {@code --listener} is. */
    ListenerSet read(SourceInfo machine, CommandLine cli) throws Unusable {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unusable("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new Unusable("cannot read " + path + ": " + e.getMessage());
        }
        ListenerOptions options = new ListenerOptions();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                options.given.add(ListenerOption.parse(line));
            } catch (CommandLine.TypeConversionException e) {
                throw new Unusable(path + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (options.isEmpty()) {
            throw new Unusable(path + " defines no listener (lines NAME=CPULIST)");
        }
        try {
            return options.define(machine, cli);
        } catch (CommandLine.ParameterException e) {
            throw new Unusable(path + ": " + e.getMessage());
        }
    }
}
