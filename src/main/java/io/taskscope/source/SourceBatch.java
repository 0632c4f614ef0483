package io.taskscope.source;

import io.taskscope.core.RecordBlock;

import java.util.List;

/**
 * What a source produced since its last batch. The block is the source's own and is reused once
 * {@link SourceConsumer#batch} returns: consumers aggregate or copy during the call and keep nothing.
 *
 * @param records records in arrival order
 * @param losses  losses detected in the same period
 * @param stale   records that arrived on a socket not registered for their CPU (a stale registration left by an
 *                earlier process with the same netlink port id): counted, never shown as data
 * @param copies  registered mode: what the listeners' own sockets received in the same period, else null
 */
public record SourceBatch(RecordBlock records, List<LossEvent> losses, long stale, ListenerCopies copies) {

    public SourceBatch {
        losses = List.copyOf(losses);
    }

    public SourceBatch(RecordBlock records, List<LossEvent> losses, long stale) {
        this(records, losses, stale, null);
    }

    public boolean isEmpty() {
        return records.isEmpty() && losses.isEmpty() && stale == 0 && (copies == null || copies.records().isEmpty());
    }
}
