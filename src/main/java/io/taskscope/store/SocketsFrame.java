package io.taskscope.store;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.CpulistParse;
import io.taskscope.source.RegisteredListener;
import io.taskscope.source.RegisteredListenerReport;

/**
 * One registered listener in a SOCKETS frame (type 7): name:str cpulist:str registeredOn:str bufferAsked:varint
 * granted:varint pace:varint enobufs:varint skDrops:zigzag unplaced:varint queueDropped:varint problem:str, then
 * k:varint and k x (cpu:varint sent:varint settled:varint received:varint) for the CPUs it was sent or got anything
 * on, in increasing order. Untrusted on reading: every count and CPU is checked, and what does not hold is corrupt.
 */
final class SocketsFrame {
    private SocketsFrame() {
    }

    private static final CpulistLimits ANY = CpulistLimits.forMachine(CpulistLimits.MAX_CPUS);

    static void write(Bytes body, RegisteredListenerReport r) {
        RegisteredListener l = r.listener();
        body.str(l.name());
        body.str(l.cpus().toCpulist());
        body.str(r.registeredOn().toCpulist());
        body.varint(l.receiveBufferBytes());
        body.varint(Math.max(0, r.grantedBytes()));
        body.varint(l.recordsPerSecond());
        body.varint(r.overflows());
        body.zigzag(r.socketDrops());
        body.varint(r.unknown());
        body.varint(r.queueDropped());
        body.str(r.problem() == null ? "" : r.problem());
        int k = 0;
        for (int cpu = 0; cpu < r.sent().length; cpu++) {
            k += r.sent()[cpu] > 0 || r.received()[cpu] > 0 ? 1 : 0;
        }
        body.varint(k);
        for (int cpu = 0; cpu < r.sent().length; cpu++) {
            if (r.sent()[cpu] > 0 || r.received()[cpu] > 0) {
                body.varint(cpu);
                body.varint(r.sent()[cpu]);
                body.varint(r.settled()[cpu]);
                body.varint(r.received()[cpu]);
            }
        }
    }

    static RegisteredListenerReport read(Cursor body) throws Cursor.Corrupt {
        String name = body.str();
        CpuSet cpus = cpus(body.str(), name);
        CpuSet on = cpus(body.str(), name);
        long asked = body.varint();
        long granted = body.varint();
        long pace = body.varint();
        long overflows = body.varint();
        long drops = body.zigzag();
        long unplaced = body.varint();
        long queueDropped = body.varint();
        String problem = body.str();
        int k = body.length(CpulistLimits.MAX_CPUS);
        int[] at = new int[k];
        long[][] counts = new long[3][k];
        int size = 0;
        for (int i = 0; i < k; i++) {
            long cpu = body.varint();
            if (cpu >= CpulistLimits.MAX_CPUS || (i > 0 && cpu <= at[i - 1])) {
                throw new Cursor.Corrupt("listener " + name + ": CPU " + cpu + " out of order");
            }
            at[i] = (int) cpu;
            for (int c = 0; c < 3; c++) {
                counts[c][i] = body.varint();
            }
            size = at[i] + 1;
        }
        if (name.isBlank() || cpus.isEmpty() || asked > Integer.MAX_VALUE || granted > Integer.MAX_VALUE
                || pace > Integer.MAX_VALUE) {
            throw new Cursor.Corrupt("registered listener '" + name + "'");
        }
        long[][] byCpu = new long[3][size];
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < 3; c++) {
                byCpu[c][at[i]] = counts[c][i];
            }
        }
        return new RegisteredListenerReport(new RegisteredListener(name, cpus, (int) asked, (int) pace), on,
                (int) granted, byCpu[0], byCpu[1], byCpu[2], unplaced, overflows, drops, queueDropped,
                problem.isEmpty() ? null : problem);
    }

    private static CpuSet cpus(String text, String name) throws Cursor.Corrupt {
        if (text.isEmpty()) {
            return CpuSet.empty(); // registered nowhere (a refused first mask, or after the stop)
        }
        CpulistParse parsed = CpuSet.parse(text, ANY);
        if (!parsed.isOk()) {
            throw new Cursor.Corrupt("listener " + name + ": cpulist '" + text + "'");
        }
        return parsed.orElseThrow();
    }
}
