package io.taskscope.export;

import io.taskscope.core.Listener;
import io.taskscope.session.Tally;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceInfo;

import java.util.List;
import java.util.Locale;

/**
 * The end-of-run counts of {@code listen} (and of {@code gui --bench}): per listener delivered/lost, per CPU received/lost, and every loss by
 * where it happened: {@code kernel} (a socket's receive queue: sequence gaps, ENOBUFS; or the simulator's model of
 * it) or {@code queue} (Taskscope's own queue was full). For each CPU, exits received + lost = what the kernel sent.
 */
public final class RunSummary {

    private final Tally tally;
    private final List<Listener> listeners;
    private final double seconds;
    private final SourceInfo info;

    /** Reads {@code tally} when a text is asked for: the caller keeps it still meanwhile. */
    public RunSummary(Tally tally, List<Listener> listeners, double seconds, SourceInfo info) {
        this.tally = tally;
        this.listeners = listeners;
        this.seconds = seconds;
        this.info = info;
    }

    private boolean cpuIsShown(int cpu) {
        return tally.receivedOn(cpu) > 0 || tally.lostOn(cpu) > 0 || tally.overflowsOn(cpu) > 0;
    }

    private long lostBeforeRouting() {
        long sum = 0;
        for (LossEvent.Origin o : LossEvent.Origin.values()) {
            sum += tally.lost(o);
        }
        return sum;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d records received in %.1f s from %s%n", tally.received(), seconds,
                info.description()));
        long kernel = tally.lost(LossEvent.Origin.KERNEL);
        long queue = tally.lost(LossEvent.Origin.QUEUE);
        if (kernel + queue > 0) {
            out.append(String.format(Locale.ROOT, "%d lost before routing: %d in the kernel, %d in Taskscope's queue%n",
                    kernel + queue, kernel, queue));
        }
        if (tally.implausible() > 0) {
            out.append(String.format(Locale.ROOT, "%d implausible: a delay total longer than the task lived (printed"
                    + " as the kernel sent it)%n", tally.implausible()));
        }
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
                rows.append(String.format(Locale.ROOT, "%-6d %12d %10d %10d %10d %10d%n", cpu, tally.receivedOn(cpu),
                        tally.lostOn(cpu), tally.lostOn(cpu, LossEvent.Origin.KERNEL),
                        tally.lostOn(cpu, LossEvent.Origin.QUEUE), tally.overflowsOn(cpu)));
            }
        }
        if (rows.length() > 0) {
            out.append(String.format(Locale.ROOT, "%-6s %12s %10s %10s %10s %10s%n", "cpu", "received", "lost",
                    "kernel", "queue", "overflows")).append(rows);
        } else if (!all) {
            out.append("no CPU lost records before routing\n");
        }
        if (tally.stale() > 0) {
            out.append(tally.stale()).append(" records from stale registrations were dropped\n");
        }
        return out.toString().stripTrailing();
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\"summary\":{");
        out.append(String.format(Locale.ROOT, "\"seconds\":%.3f", seconds))
                .append(",\"source\":").append(JsonText.string(info.description()))
                .append(",\"received\":").append(tally.received())
                .append(",\"implausible\":").append(tally.implausible())
                .append(",\"lost\":").append(lostBeforeRouting())
                .append(",\"lost_by_cause\":").append(byCause(tally.lost(LossEvent.Origin.KERNEL),
                        tally.lost(LossEvent.Origin.QUEUE)))
                .append(",\"stale\":").append(tally.stale())
                .append(",\"listeners\":[");
        for (int i = 0; i < listeners.size(); i++) {
            Listener l = listeners.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(l.name()))
                    .append(",\"cpus\":").append(JsonText.string(l.cpus().toCpulist()))
                    .append(",\"delivered\":").append(tally.deliveredTo(l.id()))
                    .append(",\"lost\":").append(tally.lostBy(l.id()))
                    .append(",\"lost_by_cause\":").append(byCause(tally.lostBy(l.id(), LossEvent.Origin.KERNEL),
                            tally.lostBy(l.id(), LossEvent.Origin.QUEUE)))
                    .append(",\"overflows\":").append(tally.overflowsOf(l.id())).append('}');
        }
        out.append("],\"cpus\":[");
        boolean first = true;
        for (int cpu = 0; cpu < tally.cpuCount(); cpu++) {
            if (cpuIsShown(cpu)) {
                out.append(first ? "" : ",").append("{\"cpu\":").append(cpu)
                        .append(",\"received\":").append(tally.receivedOn(cpu))
                        .append(",\"exits\":").append(tally.exitsOn(cpu))
                        .append(",\"lost\":").append(tally.lostOn(cpu))
                        .append(",\"lost_by_cause\":").append(byCause(tally.lostOn(cpu, LossEvent.Origin.KERNEL),
                                tally.lostOn(cpu, LossEvent.Origin.QUEUE)))
                        .append(",\"overflows\":").append(tally.overflowsOn(cpu)).append('}');
                first = false;
            }
        }
        return out.append("]}}").toString();
    }

    /** {"kernel":N,"queue":M}: the keys are {@link LossEvent.Origin#key()}. */
    public static String byCause(long kernel, long queue) {
        return "{\"" + LossEvent.Origin.KERNEL.key() + "\":" + kernel + ",\"" + LossEvent.Origin.QUEUE.key() + "\":"
                + queue + "}";
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
