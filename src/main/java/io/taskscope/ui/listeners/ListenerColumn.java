package io.taskscope.ui.listeners;

import javafx.geometry.HPos;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.Priority;

/** The columns of the listeners grid, left to right. */
enum ListenerColumn {
    ACTIVE(""),
    COLOUR(""),
    NAME("name"),
    CPULIST("CPUs (cpulist)"),
    CPU_COUNT("CPUs"),
    RATE("records/s"),
    RECEIVED("received"),
    LOST("lost"),
    BUFFER("buffer (bytes)"),
    READER("reader (rec/s)"),
    ENABLED("on"),
    REMOVE("");

    private final String header;

    ListenerColumn(String header) {
        this.header = header;
    }

    String header() {
        return header;
    }

    int index() {
        return ordinal();
    }

    /** What the header's tooltip explains, or null. */
    String explanation() {
        return this == LOST ? "Records this listener lost. Most are lost in the kernel (a socket's receive queue "
                + "overflowed); \"queue\" counts those Taskscope's own queue dropped because what reads it fell behind."
                : null;
    }

    /** Shown only for sources that model listener buffers (the simulator). */
    boolean simulatedOnly() {
        return this == BUFFER || this == READER;
    }

    ColumnConstraints constraints() {
        ColumnConstraints cc = new ColumnConstraints();
        switch (this) {
            case CPU_COUNT, RATE, RECEIVED, LOST -> { // numbers, aligned on their last digit
                cc.setHalignment(HPos.RIGHT);
                cc.setMinWidth(this == CPU_COUNT ? 44 : 84);
            }
            case CPULIST -> {
                cc.setHgrow(Priority.SOMETIMES);
                cc.setMinWidth(140);
                cc.setMaxWidth(380);
            }
            default -> {
            }
        }
        return cc;
    }
}
