package io.taskscope.cli;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistParse;
import io.taskscope.core.ListenerRouting;
import io.taskscope.core.ListenerSet;
import io.taskscope.source.SourceInfo;
import picocli.CommandLine;

import java.util.List;

/** Turns {@code --listener NAME=CPULIST} options into listeners, refusing bad ones as the kernel would. */
final class ListenerOptions {
    private ListenerOptions() {
    }

    /** The listeners asked for, checked against the source's machine; none asked: one on every CPU. */
    static ListenerSet define(List<ListenerOption> options, SourceInfo machine, CommandLine cli) {
        if (options.isEmpty()) {
            return ListenerSet.empty().add("all", machine.possible());
        }
        if (options.size() > ListenerRouting.MAX_LISTENERS) {
            throw new CommandLine.ParameterException(cli, "at most " + ListenerRouting.MAX_LISTENERS + " listeners");
        }
        ListenerSet set = ListenerSet.empty();
        for (ListenerOption option : options) {
            if (option.name().isEmpty() || set.byName(option.name()).isPresent()) {
                throw new CommandLine.ParameterException(cli, "--listener " + option.name() + "=" + option.cpulist()
                        + ": " + (option.name().isEmpty() ? "needs a name" : "the name is used twice"));
            }
            CpulistParse parsed = CpuSet.parse(option.cpulist(), machine.limits());
            if (parsed instanceof CpulistParse.Refused refused) {
                throw new CommandLine.ParameterException(cli, "--listener " + option.name() + "=" + option.cpulist()
                        + ": " + refused.error().describe());
            }
            set = set.add(option.name(), parsed.orElseThrow());
        }
        return set;
    }
}
