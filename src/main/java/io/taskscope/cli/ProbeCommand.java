package io.taskscope.cli;

import io.taskscope.export.JsonText;
import io.taskscope.live.Diagnostics;
import io.taskscope.live.ProbeReport;
import io.taskscope.live.ProbeReport.Check;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code taskscope probe}: can live collection work here, and if not, what fixes it. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Check whether live collection works on this machine: kernel, TASKSTATS family and version, "
                + "CPUs, permission, namespaces, delay accounting. Each problem comes with its fix.",
        footer = {"", "Exit codes: 0 live collection will work; 3 it will not (see the FAIL lines)."},
        resourceBundle = "io.taskscope.cli.ProbeCommand$Texts")
public final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() {
        ProbeReport report = Diagnostics.run();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.enabled ? json(report) : text(report));
        out.flush();
        return report.liveCollectionWorks() ? 0 : ListenCommand.EXIT_CANNOT_COLLECT;
    }

    static String text(ProbeReport report) {
        StringBuilder out = new StringBuilder();
        for (Check c : report.checks()) {
            out.append(String.format(Locale.ROOT, "%-5s %-18s %s%n", c.status(), c.name(), c.detail()));
            if (!c.fix().isEmpty() && c.status() != ProbeReport.Status.OK) {
                out.append(String.format(Locale.ROOT, "      %-18s fix: %s%n", "", c.fix()));
            }
        }
        out.append(report.liveCollectionWorks() ? "Live collection will work here."
                : "Live collection will not work here; the simulator does: taskscope listen --source sim");
        return out.toString();
    }

    static String json(ProbeReport report) {
        StringBuilder out = new StringBuilder("{");
        out.append("\"ok\":").append(report.liveCollectionWorks())
                .append(",\"kernel\":").append(JsonText.string(report.kernelRelease()))
                .append(",\"family_id\":").append(report.familyId().map(String::valueOf).orElse("null"))
                .append(",\"taskstats_version\":").append(report.taskstatsVersion().map(String::valueOf).orElse("null"))
                .append(",\"possible_cpus\":").append(report.cpus().map(c -> JsonText.string(c.possible().toCpulist())).orElse("null"))
                .append(",\"online_cpus\":").append(report.cpus().map(c -> JsonText.string(c.online().toCpulist())).orElse("null"))
                .append(",\"nr_cpus\":").append(report.cpus().map(c -> String.valueOf(c.nrCpus())).orElse("null"))
                .append(",\"delayacct\":").append(report.delayAccounting().map(String::valueOf).orElse("null"))
                .append(",\"checks\":[");
        for (int i = 0; i < report.checks().size(); i++) {
            Check c = report.checks().get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(c.name()))
                    .append(",\"status\":").append(JsonText.string(c.status().name().toLowerCase(Locale.ROOT)))
                    .append(",\"detail\":").append(JsonText.string(c.detail()))
                    .append(",\"fix\":").append(JsonText.string(c.fix())).append('}');
        }
        return out.append("]}").toString();
    }

    /** What probe --help says of --json: what it prints is the report. */
    static final class Texts extends OptionTexts {
        public Texts() {
            super("json", "Print the report as one JSON object.");
        }
    }
}
