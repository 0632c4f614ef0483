package io.taskscope.metrics;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * What one listener name has counted since serve started, whatever ids and edits it went through: only ever added
 * to, so the counters Prometheus sees never go back. Its labels are made once.
 */
final class ListenerSeries {
    final String name;
    final Labels delivered;
    final Labels lostInKernel;
    final Labels lostInQueue;
    long deliveredRecords;
    long kernelLosses;
    long queueLosses;

    ListenerSeries(String name) {
        this.name = name;
        delivered = Labels.of("listener", name);
        lostInKernel = Labels.of("listener", name, "cause", "kernel");
        lostInQueue = Labels.of("listener", name, "cause", "queue");
    }
}
