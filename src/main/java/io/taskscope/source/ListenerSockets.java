package io.taskscope.source;

import java.util.List;

/**
 * Registered listeners, as the kernel treats them: a source that can give each virtual listener a socket of its own,
 * registered on its cpumask, and tell what each was sent and got per CPU (the live collector). Without it, listeners
 * are routed from per-CPU data in user space.
 */
public interface ListenerSockets {

    /** The listeners to register when the source starts (replacing any given before); before start only. */
    void register(List<RegisteredListener> listeners);

    /** What each registered listener was sent and got, per CPU (exact once the source has stopped). */
    List<RegisteredListenerReport> reports();
}
