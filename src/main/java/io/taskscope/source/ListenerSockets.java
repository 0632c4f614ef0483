package io.taskscope.source;

import java.util.List;

/**
 * Registered listeners, as the kernel treats them: a source that can give each virtual listener a socket of its own,
 * registered on its cpumask, and tell what each was sent and got per CPU (the live collector). Without it, listeners
 * are routed from per-CPU data in user space.
 */
public interface ListenerSockets {

    /**
     * The listeners to give sockets. Before the start: those it registers as it starts (this puts it in registered
     * mode). While it runs, in that mode: each listener is brought to what is given (by name) without waiting: a new
     * one gets a socket, a missing one is deregistered and closed, a changed mask is registered anew and what it left
     * deregistered, a buffer or pace applies at once; what the kernel refuses shows in its report.
     */
    void register(List<RegisteredListener> listeners);

    /** Whether the source was given listeners to register (registered mode) rather than per-CPU sockets alone. */
    boolean inUse();

    /** What each registered listener was sent and got, per CPU (exact once the source has stopped). */
    List<RegisteredListenerReport> reports();

    /**
     * Whether batches carry what each listener's own socket received ({@link SourceBatch#copies()}), so its views show
     * that. False for a registered recording made before copies were recorded: its listeners are routed from the
     * per-CPU references, as in per-CPU mode.
     */
    default boolean deliversCopies() {
        return true;
    }
}
