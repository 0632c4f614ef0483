package io.taskscope.cli;

import io.taskscope.testing.Await;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record command on its own thread, as in a terminal, until Ctrl-C (an interrupt here). A test stops it once its
 * progress line shows what the test needs, not after a wall-clock duration: how fast this machine records does not
 * decide what is in the file.
 */
final class CtrlCRecording {
    private static final Pattern PROGRESS = Pattern.compile("recording +[\\d.]+ s +([\\d,]+) records");

    record Ended(int code, String err) {
    }

    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int code = -1;

    CtrlCRecording(String... args) {
        thread = new Thread(() -> {
            CommandLine cli = TaskscopeCommand.commandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            code = cli.execute(args);
        }, "test-record");
        thread.setDaemon(true);
        thread.start();
    }

    /** The record count of the last progress line, -1 before the first (printed once the source started). */
    long recorded() {
        Matcher m = PROGRESS.matcher(err.toString());
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }

    /** Waits until the progress line shows at least {@code records} records (or the command ended). */
    CtrlCRecording awaitRecorded(long records) throws Exception {
        try {
            Await.until("record shows " + records + " records recorded",
                    () -> recorded() >= records || !thread.isAlive(), err::toString);
        } catch (AssertionError e) {
            thread.interrupt(); // a test that fails leaves no recording running
            throw e;
        }
        return this;
    }

    /** Ctrl-C: the source stops, what it still holds is recorded, the file is finished. */
    Ended ctrlC() throws Exception {
        thread.interrupt();
        Await.until("record ends after Ctrl-C", () -> !thread.isAlive(), err::toString);
        return new Ended(code, err.toString());
    }
}
