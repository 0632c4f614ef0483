/**
 * The Prometheus exposition of a running session, for {@code taskscope serve}: {@link SessionMetrics} turns the
 * session's counts and a batch-level tap into metric snapshots at scrape time, {@link MetricsEndpoint} serves them
 * (and the client's JVM and process metrics) over HTTP with the official client's server. Only this package knows
 * the Prometheus client.
 */
package io.taskscope.metrics;
