package io.taskscope.source;

/** A source cannot run; the message is a diagnosis for people, with the fix where there is one. */
public final class SourceException extends Exception {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
