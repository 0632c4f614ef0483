package io.taskscope.store;

import java.io.IOException;

/**
 * How a recording ended, once its file is closed.
 *
 * @param records what the file holds that a reader can read: every record when it finished, those of the complete
 *                chunks when it failed
 * @param bytes   the bytes of those chunks and the header
 * @param lost    records the file says were lost (the source's losses, and what the recorder's queue dropped)
 * @param failure the error that stopped it, or null when it finished
 */
public record RecordingOutcome(long records, long bytes, long lost, IOException failure) {

    public boolean failed() {
        return failure != null;
    }

    /** The failure in words for people ("the disk is full"), or null. */
    public String problem() {
        return failure == null ? null : WriteErrors.describe(failure);
    }
}
