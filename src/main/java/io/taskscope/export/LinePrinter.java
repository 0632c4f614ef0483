package io.taskscope.export;

import io.taskscope.core.Listener;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.ListenerFanout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * {@code listen}'s output (and the benchmark's): each delivered (listener, record) pair formatted into one large buffer, which is written
 * out when it is full and at the end of every batch (so a quiet machine's few lines show at once, and a busy one's
 * go out a batch of thousands per write). Runs on the source's delivery thread; if the output stalls, that thread
 * stalls and the live collector's queue takes up the slack.
 */
public final class LinePrinter implements ListenerFanout.Delivery {

    /** Where the bytes go: standard output itself, or (tests, embedding) the command's Writer. */
    public interface Sink {
        void write(LineBuffer lines) throws IOException;

        static Sink of(OutputStream out) {
            return lines -> {
                lines.writeTo(out);
                out.flush();
            };
        }

        static Sink of(PrintWriter out) {
            return lines -> {
                out.print(lines.text());
                lines.clear();
                out.flush();
                if (out.checkError()) {
                    throw new IOException("the output cannot be written");
                }
            };
        }
    }

    /** Written out as soon as the buffer holds this much. */
    private static final int WRITE_AT = 1 << 20;

    private final LineFormat format;
    private final Sink sink;
    private final long limit;
    private final Runnable done;
    private final LineBuffer buffer = new LineBuffer(WRITE_AT + 4096);
    private long printed;
    private volatile IOException failure;

    /**
     * @param limit the most lines to print (Long.MAX_VALUE: all)
     * @param done  run once, on the delivery thread, when the limit is reached or the output fails
     */
    public LinePrinter(LineFormat format, Sink sink, long limit, Runnable done) {
        this.format = format;
        this.sink = sink;
        this.limit = limit;
        this.done = done;
    }

    public void header() {
        String header = format.header();
        if (header != null) {
            buffer.utf8(header).put('\n');
        }
    }

    @Override
    public void deliver(Listener listener, RecordBlock block, int row) {
        if (printed >= limit || failure != null) {
            return;
        }
        format.write(listener, block, row, buffer);
        if (++printed == limit) {
            write();
            done.run();
        } else if (buffer.size() >= WRITE_AT) {
            write();
        }
    }

    /** The end of a batch: what it printed goes out. */
    public void endBatch() {
        if (buffer.size() > 0) {
            write();
        }
    }

    private void write() {
        if (failure != null) {
            buffer.clear();
            return;
        }
        try {
            sink.write(buffer);
        } catch (IOException e) {
            failure = e;
            buffer.clear();
            done.run();
        }
    }

    public long printed() {
        return printed;
    }

    /** Why the output stopped, or null. */
    public IOException failure() {
        return failure;
    }
}
