package io.taskscope.store;

/** A file that cannot be read as a session, with the reason for people (not a session, cut short, missing, …). */
public final class UnreadableSession extends java.io.IOException {
    public UnreadableSession(String reason, Throwable cause) {
        super(reason, cause);
    }
}
