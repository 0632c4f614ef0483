package io.taskscope.cli;

import io.taskscope.core.Listener;
import io.taskscope.export.JsonText;
import io.taskscope.session.ListenerFanout;
import io.taskscope.session.SourceInfo;
import io.taskscope.session.Tally;

import java.util.List;
import java.util.Locale;

/** The end-of-run counts of {@code listen}: per listener delivered/lost, per CPU received/lost. */
final class Summary {

    private final Tally tally;
    private final List<Listener> listeners;
    private final double seconds;
    private final SourceInfo info;

    Summary(ListenerFanout fanout, List<Listener> listeners, double seconds, SourceInfo info) {
        this.tally = fanout.tally();
        this.listeners = listeners;
        this.seconds = seconds;
        this.info = info;
    }

    private boolean cpuIsShown(int cpu) {
        return tally.receivedOn(cpu) > 0 || tally.lostOn(cpu) > 0 || tally.overflowsOn(cpu) > 0;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d records received in %.1f s from %s%n", tally.received(), seconds,
                info.description()));
        out.append(String.format(Locale.ROOT, "%-16s %-20s %12s %10s %7s %9s%n", "listener", "cpus", "delivered",
                "lost", "lost%", "overflows"));
        for (Listener l : listeners) {
            long delivered = tally.deliveredTo(l.id());
            long lost = tally.lostBy(l.id());
            out.append(String.format(Locale.ROOT, "%-16s %-20s %12d %10d %6.2f%% %9d%n", l.name(), l.cpus().toCpulist(),
                    delivered, lost, percent(lost, delivered + lost), tally.overflowsOf(l.id())));
        }
        // Every CPU on a small machine; on a big one only those that lost records (the JSON form has them all).
        boolean all = tally.cpuCount() <= 16;
        StringBuilder rows = new StringBuilder();
        for (int cpu = 0; cpu < tally.cpuCount(); cpu++) {
            if (all ? cpuIsShown(cpu) : tally.lostOn(cpu) > 0 || tally.overflowsOn(cpu) > 0) {
                rows.append(String.format(Locale.ROOT, "%-6d %12d %10d %10d%n", cpu, tally.receivedOn(cpu),
                        tally.lostOn(cpu), tally.overflowsOn(cpu)));
            }
        }
        if (rows.length() > 0) {
            out.append(String.format(Locale.ROOT, "%-6s %12s %10s %10s%n", "cpu", "received", "lost", "overflows"))
                    .append(rows);
        } else if (!all) {
            out.append("no CPU lost records before routing\n");
        }
        if (tally.stale() > 0) {
            out.append(tally.stale()).append(" records from stale registrations were dropped\n");
        }
        return out.toString().stripTrailing();
    }

    String json() {
        StringBuilder out = new StringBuilder("{\"summary\":{");
        out.append(String.format(Locale.ROOT, "\"seconds\":%.3f", seconds))
                .append(",\"source\":").append(JsonText.string(info.description()))
                .append(",\"received\":").append(tally.received())
                .append(",\"stale\":").append(tally.stale())
                .append(",\"listeners\":[");
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(l.name()))
                    .append(",\"cpus\":").append(JsonText.string(l.cpus().toCpulist()))
                    .append(",\"delivered\":").append(tally.deliveredTo(l.id()))
                    .append(",\"lost\":").append(tally.lostBy(l.id()))
                    .append(",\"overflows\":").append(tally.overflowsOf(l.id())).append('}');
        }
        out.append("],\"cpus\":[");
        boolean first = true;
        for (int cpu = 0; cpu < tally.cpuCount(); cpu++) {
            if (cpuIsShown(cpu)) {
                out.append(first ? "" : ",").append("{\"cpu\":").append(cpu)
                        .append(",\"received\":").append(tally.receivedOn(cpu))
                        .append(",\"lost\":").append(tally.lostOn(cpu))
                        .append(",\"overflows\":").append(tally.overflowsOn(cpu)).append('}');
                first = false;
            }
        }
        return out.append("]}}").toString();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
