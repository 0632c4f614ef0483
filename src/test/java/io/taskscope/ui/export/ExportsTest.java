package io.taskscope.ui.export;

import io.taskscope.testing.AppWindows;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskscope.core.CpuSet;
import io.taskscope.core.ListenerSet;
import io.taskscope.core.RecordBlock;
import io.taskscope.export.ExportFormat;
import io.taskscope.export.TimeRange;
import io.taskscope.sim.Profile;
import io.taskscope.sim.SimBench;
import io.taskscope.sim.SimSettings;
import io.taskscope.source.SourceKind;
import io.taskscope.store.SessionHeader;
import io.taskscope.store.SessionWriter;
import io.taskscope.ui.shell.MainWindow;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.stage.Stage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** File → Export from the app: the focused listener's records, from the table (sim) or the recording (replay). */
@ExtendWith(ApplicationExtension.class)
class ExportsTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppWindows.shown(stage,
                ListenerSet.empty().add("low", CpuSet.range(0, 3)).add("high", CpuSet.range(8, 15)), 1280, 800);
        window.start(SourceKind.SIM, SimSettings.of(Profile.BUILD, 16, 20_000, 1, 1));
    }

    @AfterEach
    void stop() {
        window.stop();
    }

    private static void awaitTrue(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    private Task<String> export(FxRobot robot, ExportFormat format, TimeRange range, Path out) throws Exception {
        List<Task<String>> task = new ArrayList<>();
        robot.interact(() -> task.add(window.exports().export(format, range, out)));
        awaitTrue(() -> task.get(0).isDone() && state(task.get(0)) != Worker.State.RUNNING);
        assertThat(state(task.get(0))).as(String.valueOf(WaitForAsyncUtils.asyncFx(() -> task.get(0).getException())
                .get())).isEqualTo(Worker.State.SUCCEEDED);
        return task.get(0);
    }

    /** Task state is read on the FX thread. */
    private static Worker.State state(Task<?> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task::getState).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRunningSessionExportsTheFocusedListenersTableAsCsv(@TempDir Path dir, FxRobot robot) throws Exception {
        robot.interact(() -> window.selectView("table", "low"));
        awaitTrue(() -> window.session().snapshot().received() > 5_000);
        Path out = dir.resolve("low.csv");
        export(robot, ExportFormat.CSV, TimeRange.ALL, out);
        try (CSVParser csv = CSVParser.parse(out, java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(csv.getHeaderNames()).contains("cpu", "ac_pid", "ac_comm", "blkio_delay_total", "irq_delay_min");
            List<CSVRecord> rows = csv.getRecords();
            assertThat(rows).hasSizeBetween(100, window.session().tableRows());
            assertThat(rows).allSatisfy(r -> assertThat(Integer.parseInt(r.get("cpu"))).isBetween(0, 3));
            // oldest first, as time runs
            assertThat(Long.parseLong(rows.get(0).get("time_ns")))
                    .isLessThanOrEqualTo(Long.parseLong(rows.get(rows.size() - 1).get("time_ns")));
        }
        assertThat(dir.resolve("low.csv.part")).doesNotExist();
    }

    @Test
    void aReplayExportsWhatTheListenerReceivedInTheRangeAsPerfetto(@TempDir Path dir, FxRobot robot) throws Exception {
        Path file = dir.resolve("r.tsk");
        SessionHeader header = new SessionHeader(1, "h", "", 16, "0-15", "0-15", 16, "live", "live: test", 0, 0);
        long first;
        try (SessionWriter w = SessionWriter.create(file, header)) {
            w.listeners(0, ListenerSet.empty().add("recorded", CpuSet.range(8, 15)).add("rest", CpuSet.range(0, 7)));
            SimBench.Generator g = SimBench.generator(Profile.DESKTOP, 16, 2_000, 1); // 2,000/s for 10 s
            RecordBlock b = new RecordBlock(20_000);
            g.fill(b, 20_000);
            first = b.receivedNanos(0);
            w.records(b);
        }
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.model().listenersProperty().get().byName("recorded").isPresent());
        robot.interact(() -> window.selectView("table", "recorded"));
        Path out = dir.resolve("recorded.json");
        export(robot, ExportFormat.PERFETTO, new TimeRange(Duration.ofSeconds(2), Duration.ofSeconds(5)), out);

        JsonNode trace = new ObjectMapper().readTree(out.toFile());
        List<JsonNode> exits = new ArrayList<>();
        trace.get("traceEvents").forEach(e -> {
            if ("i".equals(e.get("ph").asText()) && "exit".equals(e.path("cat").asText())) {
                exits.add(e);
            }
        });
        assertThat(exits).hasSizeBetween(1_500, 4_500); // about 3 s of 8 of 16 CPUs at 2,000/s
        assertThat(exits).allSatisfy(e -> {
            assertThat(e.get("tid").asInt()).isBetween(8, 15);
            double offsetSeconds = (e.get("ts").asDouble() * 1e3 - first) / 1e9;
            assertThat(offsetSeconds).isBetween(1.999, 5.001);
        });
    }

    @Test
    void aCancelledExportLeavesNothingBehind(@TempDir Path dir, FxRobot robot) throws Exception {
        awaitTrue(() -> window.session().snapshot().received() > 1_000);
        Path out = dir.resolve("cancelled.csv");
        List<Task<String>> task = new ArrayList<>();
        robot.interact(() -> {
            task.add(window.exports().export(ExportFormat.CSV, TimeRange.ALL, out));
            task.get(0).cancel();
        });
        awaitTrue(() -> task.get(0).isDone());
        assertThat(state(task.get(0))).isEqualTo(Worker.State.CANCELLED);
        Thread.sleep(500); // the worker may still be between chunks: it must clean up, not write
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private Path tenSecondRecording(Path dir) throws Exception {
        Path file = dir.resolve("film.tsk");
        SessionHeader header = new SessionHeader(1, "h", "", 16, "0-15", "0-15", 16, "sim", "sim: test", 0, 0);
        try (SessionWriter w = SessionWriter.create(file, header)) {
            w.listeners(0, ListenerSet.empty().add("all", CpuSet.range(0, 15)));
            SimBench.Generator g = SimBench.generator(Profile.BUILD, 16, 2_000, 1);
            RecordBlock b = new RecordBlock(20_000);
            g.fill(b, 20_000);
            w.records(b);
        }
        return file;
    }

    private Task<String> film(FxRobot robot, ReplayFilm.Options o) throws Exception {
        List<Task<String>> task = new ArrayList<>();
        robot.interact(() -> task.add(window.exports().film(o)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> task.get(0).isDone()
                && state(task.get(0)) != Worker.State.RUNNING);
        return task.get(0);
    }

    @Test
    void aFilmOfTheReplayIsAnAnimatedGifWithAFramePerStep(@TempDir Path dir, FxRobot robot) throws Exception {
        Path file = tenSecondRecording(dir);
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.session().snapshot().info().kind() == SourceKind.REPLAY
                && window.session().snapshot().received() > 0);
        robot.interact(() -> window.selectView("heatmap", "all"));
        Path gif = dir.resolve("film.gif");
        Task<String> task = film(robot, new ReplayFilm.Options(gif, true, 1, 4, 1, 200, 0.5));
        assertThat(state(task)).as(String.valueOf(WaitForAsyncUtils.asyncFx(task::getException).get()))
                .isEqualTo(Worker.State.SUCCEEDED);

        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        List<java.awt.image.BufferedImage> frames = new ArrayList<>();
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                frames.add(reader.read(i));
            }
            String meta = new String(java.nio.file.Files.readAllBytes(gif), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(meta).contains("NETSCAPE2.0"); // loops
        }
        assertThat(frames).hasSize(4); // 1, 2, 3 and 4 s
        double w = window.grid().getScene().getWidth();
        assertThat(frames.get(0).getWidth()).isEqualTo((int) Math.round(w * 0.5));
        // the replay moved between frames: the window is not the same picture four times
        assertThat(differentPixels(frames.get(0), frames.get(3))).isGreaterThan(100);
        // the film paused the replay where it ended
        long received = window.session().snapshot().received();
        Thread.sleep(500);
        assertThat(window.session().snapshot().received()).isEqualTo(received);
    }

    private static int differentPixels(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aFilmAsPngsNumbersItsFramesAndACancelledOneLeavesNone(@TempDir Path dir, FxRobot robot) throws Exception {
        Path file = tenSecondRecording(dir);
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.session().snapshot().info().kind() == SourceKind.REPLAY);
        Path frames = dir.resolve("frames");
        Task<String> task = film(robot, new ReplayFilm.Options(frames, false, 0, 2, 0.5, 250, 1));
        assertThat(state(task)).isEqualTo(Worker.State.SUCCEEDED);
        try (var files = Files.list(frames)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png",
                            "frame-0005.png");
        }

        Path cancelled = dir.resolve("cancelled.gif");
        List<Task<String>> second = new ArrayList<>();
        robot.interact(() -> second.add(window.exports().film(new ReplayFilm.Options(cancelled, true, 0, 9, 0.1, 50,
                1))));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                second.get(0).getProgress()).get() > 0);
        robot.interact(() -> second.get(0).cancel());
        Thread.sleep(1500); // the film stops at its next frame and removes what it wrote
        assertThat(cancelled).doesNotExist();
    }

    @Test
    void aFilmOfAReplayThatHasEndedFailsWithWhatToDo(@TempDir Path dir, FxRobot robot) throws Exception {
        Path file = tenSecondRecording(dir);
        robot.interact(() -> window.openRecording(file));
        awaitTrue(() -> window.session().source() instanceof io.taskscope.store.ReplaySource);
        io.taskscope.store.ReplaySource replay = (io.taskscope.store.ReplaySource) window.session().source();
        replay.setSpeed(0); // as fast as possible: it ends at once
        awaitTrue(() -> !replay.running());
        Task<String> task = film(robot, new ReplayFilm.Options(dir.resolve("late.gif"), true, 0, 2, 1, 200, 1));
        assertThat(state(task)).isEqualTo(Worker.State.FAILED);
        assertThat(WaitForAsyncUtils.asyncFx(task::getException).get()).hasMessageContaining("open the recording again");
        assertThat(dir.resolve("late.gif")).doesNotExist();
    }

    @Test
    void filmOptionsAreChecked() {
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 0, 10, 1, 250, 1).frames()).isEqualTo(11);
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 0, 10, 1, 250, 1).problem(10)).isNull();
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 0, 11, 1, 250, 1).problem(10)).contains("within");
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 5, 5, 1, 250, 1).problem(10)).contains("after");
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 0, 10, 0.001, 250, 1).problem(10)).contains("2,000");
        assertThat(new ReplayFilm.Options(Path.of("x"), true, 0, 10, 1e-12, 250, 1).problem(10)).contains("2,000");
        assertThat(Exports.rangeProblem("5", "2")).contains("after");
        assertThat(Exports.rangeProblem("x", "")).contains("numbers");
        assertThat(Exports.rangeProblem("", "")).isNull();
    }
}
