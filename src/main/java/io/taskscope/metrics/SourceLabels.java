package io.taskscope.metrics;

/**
 * What {@code taskscope_source_info} says of the source: its kind (live, sim) and, for live, the kernel release.
 * The struct taskstats version comes from the records themselves.
 */
public record SourceLabels(String kind, String kernel) {
}
