package io.taskscope.export;

import io.taskscope.core.CpuSet;
import io.taskscope.core.CpulistLimits;
import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.ListenerBuffer;
import io.taskscope.session.ListenerFanout;
import io.taskscope.source.ListenerCopies;
import io.taskscope.source.LossEvent;
import io.taskscope.source.SourceBatch;
import io.taskscope.store.SessionReader;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * A recording exported chunk by chunk: what one recorded listener received (routed with its masks as they were at
 * each moment, and for simulated sessions through the same modelled buffers, so records the listener lost are not
 * exported; in a registered recording, what its own socket got) or, without a listener, every record; within a time
 * range. Reports progress per chunk and stops
 * between chunks when cancelled.
 */
public final class RecordingExport {

    /** How it went. */
    public record Result(long records, long losses, boolean sawListener, boolean intact, boolean cancelled) {
    }

    private final SessionReader reader;
    private final String listener;
    private final TimeRange range;

    /**
     * @param listener a recorded listener's name, or null for every record
     */
    public RecordingExport(SessionReader reader, String listener, TimeRange range) {
        this.reader = reader;
        this.listener = listener;
        this.range = range;
    }

    public Result run(Exporter exporter, DoubleConsumer progress, BooleanSupplier cancelled) throws IOException {
        List<SessionReader.ChunkInfo> chunks = reader.chunks();
        long first = chunks.isEmpty() ? 0 : chunks.get(0).firstNanos();
        Filter filter = new Filter(first, exporter);
        exporter.begin();
        for (int i = 0; i < chunks.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return new Result(filter.records, filter.losses, filter.sawListener, reader.intact(), true);
            }
            reader.read(chunks.get(i), filter);
            progress.accept((i + 1) / (double) chunks.size());
        }
        exporter.end();
        return new Result(filter.records, filter.losses, listener == null || filter.sawListener, reader.intact(),
                false);
    }

    private final class Filter implements SessionReader.FrameVisitor {
        private final long first;
        private final Exporter exporter;
        private final boolean simulated;
        /** Recorded with a socket per listener: a listener's records are its socket's copies, not a routing. */
        private final boolean registered;
        private final int cpus;
        private final ListenerFanout fanout;
        private int listenerId = -1;
        boolean sawListener;
        long records;
        long losses;

        Filter(long first, Exporter exporter) {
            this.first = first;
            this.exporter = exporter;
            this.simulated = "sim".equals(reader.header().sourceKind());
            this.registered = reader.header().hasListenerCopies(); // older registered files: routed, as before
            this.cpus = CpuSet.parse(reader.header().possibleCpus(), CpulistLimits.forMachine(CpulistLimits.MAX_CPUS))
                    .orElseThrow().last() + 1;
            ListenerFanout f = new ListenerFanout(List.<Listener>of(), Math.max(1, cpus));
            this.fanout = simulated ? f.withBuffers(ListenerBuffer.Settings.defaults()) : f;
        }

        @Override
        public void listeners(long nanos, ListenerSet set) {
            fanout.setListeners(set.listeners());
            if (listener != null) {
                set.byName(listener).ifPresent(l -> {
                    listenerId = l.id();
                    sawListener = true;
                });
            }
        }

        @Override
        public void records(RecordBlock block) {
            if (listener != null && registered) {
                return; // the listener's own socket's copies are its records (copies below)
            }
            if (listener == null) {
                for (int row = 0; row < block.size(); row++) {
                    if (range.contains(block.receivedNanos(row), first)) {
                        exporter.record(block.record(row));
                        records++;
                    }
                }
                return;
            }
            fanout.accept(new SourceBatch(block, List.of(), 0), (l, b, row) -> {
                if (l.id() == listenerId && range.contains(b.receivedNanos(row), first)) {
                    exporter.record(b.record(row));
                    records++;
                }
            });
        }

        /** A registered recording: what the listener's own socket received, as the app's views show it. */
        @Override
        public void copies(ListenerCopies copies) {
            if (listener == null || !registered) {
                return;
            }
            RecordBlock rows = copies.records();
            for (int row = 0; row < rows.size(); row++) {
                if (listener.equals(copies.listener(row)) && range.contains(rows.receivedNanos(row), first)) {
                    exporter.record(rows.record(row));
                    records++;
                }
            }
        }

        @Override
        public void loss(LossEvent loss) {
            if (range.contains(loss.timeNanos(), first)) {
                exporter.loss(loss);
                losses++;
            }
        }
    }
}
