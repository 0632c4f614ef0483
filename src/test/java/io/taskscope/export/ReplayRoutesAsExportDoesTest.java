package io.taskscope.export;

import io.taskscope.core.CpuSet;
import io.taskscope.core.ExitRecord;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.session.Session;
import io.taskscope.session.SessionSnapshot;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.store.ReplaySource;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionReader;
import io.taskscope.store.SessionWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay in the app routes every span exactly as {@code taskscope export} does, because the recording's listener
 * edits reach the session in-band, between the batches they were recorded between (issue 14: they used to come by
 * runLater while the replay thread went on routing).
 */
class ReplayRoutesAsExportDoesTest {

    private static final SessionHeader LIVE_HEADER = new SessionHeader(1, "host", "6.18", 16, "0-7", "0-7", 8,
            "live", "live: test", 0, 0);

    @Test
    void everyListenerGetsInTheAppWhatExportGivesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edits.tsk");
        SimBench.Generator g = SimBench.generator(Profile.BUILD, 8, 20_000, 7);
        long written = 0;
        try (SessionWriter w = SessionWriter.create(file, LIVE_HEADER)) {
            w.listeners(0, ListenerSet.empty().add("left", CpuSet.range(0, 3)).add("right", CpuSet.range(4, 7)));
            for (int i = 0; i < 40; i++) {
                RecordBlock b = new RecordBlock(500);
                g.fill(b, 500);
                w.records(b);
                written += b.size();
                // many edits, each between two batches: left and right swap halves, then shrink and grow
                CpuSet a = CpuSet.range(i % 4, 3 + i % 5);
                w.listeners(b.receivedNanos(b.size() - 1),
                        ListenerSet.empty().add("left", a).add("right", CpuSet.range(0, 7).minus(a)));
            }
        }

        Session session = new Session();
        ReplaySource replay = new ReplaySource(file, 0); // as fast as it goes: the race had no time to hide in
        session.switchSource(replay);
        replay.awaitEnd();
        SessionSnapshot app = session.snapshot();
        assertThat(app.received()).isEqualTo(written);
        assertThat(app.listenersFromSource()).isEqualTo(41);

        for (String name : new String[]{"left", "right"}) {
            long exported;
            try (SessionReader reader = SessionReader.openReadable(file)) {
                exported = new RecordingExport(reader, name, TimeRange.ALL).run(new Counting(), p -> { }, () -> false)
                        .records();
            }
            long delivered = app.listenerStats().stream().filter(st -> st.listener().name().equals(name))
                    .findFirst().orElseThrow().delivered();
            assertThat(exported).isPositive();
            assertThat(delivered).as(name).isEqualTo(exported);
        }
    }

    private static final class Counting implements Exporter {
        @Override
        public void begin() {
        }

        @Override
        public void record(ExitRecord r) {
        }

        @Override
        public void end() {
        }
    }
}
