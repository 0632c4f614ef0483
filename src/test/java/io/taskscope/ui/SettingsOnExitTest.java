package io.taskscope.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app saves what it remembers on every way out. SIGTERM (a logout, systemd, kill) is tested on a real app
 * process on Monocle's headless glass: it used to save nothing, as File → Quit did (both skipped the close request,
 * the only place that saved).
 */
class SettingsOnExitTest {

    @Test
    void sigtermSavesTheSettings(@TempDir Path config) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        for (String p : new String[]{"glass.platform", "monocle.platform", "prism.order", "prism.text",
                "java.awt.headless", "headless.geometry"}) {
            command.add("-D" + p + "=" + System.getProperty(p));
        }
        command.addAll(List.of("-Dtaskscope.config.dir=" + config, "io.taskscope.Launcher", "gui", "--source", "sim",
                "--cpus", "16", "--listener", "web=0-3", "--listener", "db=8-15"));
        Process app = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(config.resolve("app.log").toFile()).start();
        try {
            awaitThread(app, "taskscope-simul"); // the window has started its simulator: it is up
            assertThat(Files.exists(config.resolve("settings.properties"))).isFalse();
            app.destroy(); // SIGTERM
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app exits on SIGTERM").isTrue();
        } finally {
            app.destroyForcibly();
        }
        Path saved = config.resolve("settings.properties");
        assertThat(saved).as(Files.readString(config.resolve("app.log"))).exists();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(saved)) {
            p.load(in);
        }
        assertThat(p.getProperty("listener.count")).isEqualTo("2");
        assertThat(p.getProperty("listener.1.cpus")).isEqualTo("8-15");
        assertThat(p.getProperty("window.width")).isNotBlank();
        assertThat(config.resolve("settings.properties.tmp")).doesNotExist(); // written atomically
    }

    /** Waits until the process runs a thread with this (kernel, 15-character) name; its comm is in /proc. */
    private static void awaitThread(Process app, String comm) throws IOException, InterruptedException {
        Path tasks = Path.of("/proc", Long.toString(app.pid()), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a safety net, not a bound under test
        while (System.nanoTime() < deadline) {
            assertThat(app.isAlive()).as("the app is running").isTrue();
            try (var threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    try {
                        if (Files.readString(t.resolve("comm")).strip().equals(comm)) {
                            return;
                        }
                    } catch (IOException gone) {
                        // that thread has just exited
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the app never started its " + comm + " thread");
    }
}
