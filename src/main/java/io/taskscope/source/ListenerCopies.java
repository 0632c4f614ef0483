package io.taskscope.source;

import io.taskscope.core.RecordBlock;

/**
 * Registered mode: the records the listeners' own sockets received since the last batch, each placed on the CPU it
 * exited on (that CPU's reference socket got the same message). A listener's views show these, so they hold what a
 * daemon on that socket would have had, not what the kernel sent it. Valid during the batch call only, as the batch.
 *
 * @param records  the copies, in arrival order; {@code cpu(row)} is the exit CPU
 * @param listener per row, the name of the listener whose socket received it
 */
public record ListenerCopies(RecordBlock records, String[] listener) {

    public String listener(int row) {
        return listener[row];
    }
}
