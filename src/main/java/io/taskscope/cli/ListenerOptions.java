package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.ListenerSet;
import io.taskscope.source.SourceInfo;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code --listener NAME=CPULIST}, repeatable: the virtual listeners to define, refused as the kernel would. */
final class ListenerOptions {

    @Option(names = "--listener", paramLabel = "NAME=CPULIST", converter = Converter.class,
            description = "A virtual listener registered on CPULIST (kernel cpulist syntax: 0-3,8 or 0-7:2/4). "
                    + "Repeatable. Default: one listener 'all' on every CPU.")
    List<ListenerOption> given = new ArrayList<>();

    boolean isEmpty() {
        return given.isEmpty();
    }

    /** The listeners asked for, checked against the source's machine; none asked: one on every CPU. */
    ListenerSet define(SourceInfo machine, CommandLine cli) {
        if (given.isEmpty()) {
            return ListenerSet.empty().add("all", machine.possible());
        }
        if (given.size() > ListenerRouting.MAX_LISTENERS) {
            throw new CommandLine.ParameterException(cli, "at most " + ListenerRouting.MAX_LISTENERS + " listeners");
        }
        ListenerSet set = ListenerSet.empty();
        for (ListenerOption option : given) {
            if (option.name().isEmpty() || set.byName(option.name()).isPresent()) {
                throw new CommandLine.ParameterException(cli, "--listener " + option.name() + "=" + option.cpulist()
                        + ": " + (option.name().isEmpty() ? "needs a name" : "the name is used twice"));
            }
            set = set.add(option.name(), cpus(option, machine.limits(), cli));
        }
        return set;
    }

    /**
     * The listeners as given, each cpulist checked against {@code limits}; a name given twice gets a free one, as
     * when the app adds a listener.
     */
    ListenerSet asGiven(CpulistLimits limits, CommandLine cli) {
        ListenerSet set = ListenerSet.empty();
        for (ListenerOption option : given) {
            set = set.add(option.name(), cpus(option, limits, cli));
        }
        return set;
    }

    private static CpuSet cpus(ListenerOption option, CpulistLimits limits, CommandLine cli) {
        CpulistParse parsed = CpuSet.parse(option.cpulist(), limits);
        if (parsed instanceof CpulistParse.Refused refused) {
            throw new CommandLine.ParameterException(cli, "--listener " + option.name() + "=" + option.cpulist()
                    + ": " + refused.error().describe());
        }
        return parsed.orElseThrow();
    }

    static final class Converter implements CommandLine.ITypeConverter<ListenerOption> {
        @Override
        public ListenerOption convert(String value) {
            return ListenerOption.parse(value);
        }
    }
}
