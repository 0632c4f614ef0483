package io.taskscope.export;

import io.taskscope.session.ListenerFanout;
import io.taskscope.source.SourceBatch;
import io.taskscope.source.SourceConsumer;
import io.taskscope.source.SourceState;

import java.util.function.BiConsumer;

/**
 * The {@code listen} pipeline as a consumer: each batch routed to the virtual listeners ({@link ListenerFanout}) and
 * every delivered pair printed ({@link LinePrinter}), on the source's delivery thread, with no hand-off between.
 * The fanout's counts are read after the source stopped, or while holding the fanout's monitor.
 */
public final class ListenerLines implements SourceConsumer {

    private final ListenerFanout fanout;
    private final LinePrinter printer;
    private final BiConsumer<SourceState, String> states;

    /** @param states told every state change (on the delivery thread) */
    public ListenerLines(ListenerFanout fanout, LinePrinter printer, BiConsumer<SourceState, String> states) {
        this.fanout = fanout;
        this.printer = printer;
        this.states = states;
    }

    @Override
    public void batch(SourceBatch batch) {
        synchronized (fanout) {
            fanout.accept(batch, printer);
        }
        printer.endBatch();
    }

    @Override
    public void stateChanged(SourceState state, String detail) {
        states.accept(state, detail);
    }

    public ListenerFanout fanout() {
        return fanout;
    }

    public LinePrinter printer() {
        return printer;
    }
}
