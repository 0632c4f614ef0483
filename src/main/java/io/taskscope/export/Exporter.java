package io.taskscope.export;

import io.taskscope.core.ExitRecord;
import io.taskscope.source.LossEvent;

/** Writes records (and losses) in one format: begin, any number of records and losses in time order, end. */
public interface Exporter {
    void begin();

    void record(ExitRecord r);

    default void loss(LossEvent loss) {
    }

    void end();
}
