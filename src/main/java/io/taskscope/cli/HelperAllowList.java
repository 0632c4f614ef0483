package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.Errno;
import io.taskscope.core.ListenerRouting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the privileged helper ({@code /opt/taskscope/bin/taskscope-helper}, which pkexec runs as root for a user the
 * polkit policy let through) agrees to do: exactly {@code record --source live -o -}, optionally with
 * {@code --listener NAME=CPULIST} (repeated, or as {@code --listener=NAME=CPULIST}). Anything else (another command,
 * another output, a file, any other option, nothing at all) is refused. The arguments are parsed rather than
 * passed on: what runs is rebuilt from what was accepted ({@link Accepted#command()}), so no spelling picocli would
 * read differently (an {@code @file}, an option hidden in a listener value) reaches it.
 */
public final class HelperAllowList {
    private HelperAllowList() {
    }

    /** The one command the helper runs, for messages. */
    public static final String ALLOWED = "record --source live -o - [--listener NAME=CPULIST]...";

    public sealed interface Decision permits Accepted, Refused {
    }

    /** Allowed: record live to stdout with these listeners (none: record's default, one on every CPU). */
    public record Accepted(List<ListenerOption> listeners) implements Decision {
        public Accepted {
            listeners = List.copyOf(listeners);
        }

        /** The record command line to run, in one spelling only. */
        public List<String> command() {
            List<String> command = new ArrayList<>(List.of("record", "--source", "live", "-o", "-"));
            for (ListenerOption l : listeners) {
                command.add("--listener=" + l.name() + "=" + l.cpulist());
            }
            return command;
        }
    }

    /** Refused, and why, for the person who asked. */
    public record Refused(String reason) implements Decision {
    }

    /**
     * Decides on the helper's arguments for a machine whose possible CPUs are {@code possible}, with the kernel's
     * {@code limits}: a cpulist the kernel would refuse is refused before a socket is opened, except that a mask
     * reaching beyond the machine is cut to it (the window sends the masks it had, maybe on a bigger simulated
     * machine, and its session cuts them so when it switches to this one).
     */
    public static Decision decide(List<String> args, CpuSet possible, CpulistLimits limits) {
        if (args.isEmpty()) {
            return refuse("no command given");
        }
        if (!args.get(0).equals("record")) {
            return refuse("'" + shown(args.get(0)) + "' is not the collection command");
        }
        boolean source = false;
        boolean output = false;
        List<ListenerOption> listeners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            String problem;
            switch (arg) {
                case "--source" -> {
                    problem = source ? "--source is given twice" : !"live".equals(value)
                            ? "--source " + shownOrMissing(value) + ": only live is allowed" : null;
                    source = true;
                    i++;
                }
                case "-o" -> {
                    problem = output ? "-o is given twice" : !"-".equals(value)
                            ? "-o " + shownOrMissing(value) + ": the helper writes only to its standard output (-o -)"
                            : null;
                    output = true;
                    i++;
                }
                case "--listener" -> {
                    problem = value == null ? "--listener needs NAME=CPULIST"
                            : listener(value, possible, limits, listeners, names);
                    i++;
                }
                default -> problem = arg.startsWith("--listener=")
                        ? listener(arg.substring("--listener=".length()), possible, limits, listeners, names)
                        : "'" + shown(arg) + "' is not allowed";
            }
            if (problem != null) {
                return refuse(problem);
            }
        }
        if (!source) {
            return refuse("--source live must be given");
        }
        if (!output) {
            return refuse("-o - must be given");
        }
        return new Accepted(listeners);
    }

    /** Adds one listener, or says what is wrong with it. */
    private static String listener(String value, CpuSet possible, CpulistLimits limits, List<ListenerOption> into,
                                   Set<String> names) {
        String prefix = "--listener " + shown(value) + ": ";
        int eq = value.indexOf('=');
        if (eq < 0) {
            return prefix + "not NAME=CPULIST";
        }
        // stripped as ListenerOption.parse strips it, so the name checked is the name record gets
        String name = value.substring(0, eq).strip();
        String cpulist = value.substring(eq + 1);
        if (name.isEmpty()) {
            return prefix + "needs a name";
        }
        if (name.startsWith("-")) {
            // picocli reads "--listener=-o=0" as --listener followed by the option -o=0
            return prefix + "a name cannot begin with '-'";
        }
        if (hasControlCharacter(name) || hasControlCharacter(cpulist)) {
            return prefix + "control characters are not allowed";
        }
        if (!names.add(name)) {
            return prefix + "the name is used twice";
        }
        if (into.size() == ListenerRouting.MAX_LISTENERS) {
            return prefix + "at most " + ListenerRouting.MAX_LISTENERS + " listeners";
        }
        CpulistParse parsed = CpuSet.parse(cpulist, limits);
        if (parsed instanceof CpulistParse.Refused refused && refused.error().errno() == Errno.ERANGE) {
            parsed = CpuSet.parse(cpulist, CpulistLimits.forMachine(CpulistLimits.MAX_CPUS));
            if (parsed instanceof CpulistParse.Parsed) {
                cpulist = parsed.orElseThrow().intersect(possible).toCpulist();
            }
        }
        if (parsed instanceof CpulistParse.Refused refused) {
            return prefix + refused.error().describe();
        }
        into.add(new ListenerOption(name, cpulist));
        return null;
    }

    private static Refused refuse(String problem) {
        return new Refused(problem + ". The helper runs only: " + ALLOWED);
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** An argument as it may be echoed to a terminal: control characters become '?'. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 80));
        text.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 80 ? out + "…" : out.toString();
    }

    private static String shownOrMissing(String value) {
        return value == null ? "(missing)" : "'" + shown(value) + "'";
    }
}
