package io.taskscope.taskstats;

import io.taskscope.core.Taskstats;
import io.taskscope.core.TaskstatsField;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Records for properties: any version 1..16, any value in every field, a command name from a range of chars. */
final class StatsArbitraries {
    private StatsArbitraries() {
    }

    static Arbitrary<Taskstats> anyStats(char firstChar, char lastChar) {
        return Arbitraries.integers().between(1, 16).flatMap(version -> Arbitraries.longs().list()
                .ofSize(TaskstatsField.values().length).flatMap(values -> Arbitraries.strings()
                        .withCharRange(firstChar, lastChar).ofMaxLength(31).map(comm -> {
                            Taskstats.Builder b = Taskstats.builder();
                            for (TaskstatsField f : TaskstatsField.values()) {
                                if (!f.isText()) {
                                    b.set(f, values.get(f.ordinal()));
                                }
                            }
                            return b.comm(comm).version(version).build();
                        })));
    }
}
