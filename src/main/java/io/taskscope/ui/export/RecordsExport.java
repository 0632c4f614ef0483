package io.taskscope.ui.export;

import io.taskscope.core.ExitRecord;
import io.taskscope.export.ExportFormat;
import io.taskscope.export.Exporter;
import io.taskscope.export.RecordingExport;
import io.taskscope.export.TimeRange;
import io.taskscope.session.Session;
import io.taskscope.session.views.ExitViews;
import io.taskscope.session.views.Metric;
import io.taskscope.session.views.RowSpan;
import io.taskscope.session.views.TableRows;
import io.taskscope.source.Playback;
import io.taskscope.store.SessionReader;
import javafx.concurrent.Task;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * File → Export: the focused listener's records as CSV or Perfetto. A replay exports from its recording (every
 * record the listener received in the chosen range, through the same code as {@code taskscope export}); a live or
 * simulated session exports what the table holds, the listener's newest records. Written to a temporary file that
 * replaces the target only when complete, so a cancelled or failed export leaves nothing half-written.
 */
public final class RecordsExport {

    /**
     * @param listenerId   the focused listener, or {@link ExitViews#ALL}
     * @param listenerName its name (null for every CPU)
     * @param range        for a replay, the span of the recording (offsets from its first record)
     */
    record Request(ExportFormat format, int listenerId, String listenerName, TimeRange range, Path out) {
    }

    private RecordsExport() {
    }

    static Task<String> task(Session session, Request request) {
        return new Task<>() {
            @Override
            protected String call() throws IOException {
                Path out = request.out().toAbsolutePath();
                Path partial = out.resolveSibling(out.getFileName() + ".part");
                try {
                    String what;
                    try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                        Exporter exporter = request.format().open(w);
                        java.util.Optional<Path> recording = session.source() == null ? java.util.Optional.empty()
                                : session.source().playback().flatMap(Playback::recording);
                        what = recording.isPresent() ? fromRecording(recording.get(), exporter) : fromTable(exporter);
                    }
                    if (isCancelled()) {
                        Files.deleteIfExists(partial);
                        return "cancelled";
                    }
                    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    if (isCancelled()) { // cancelled while it was being moved: the user was told nothing is kept
                        Files.deleteIfExists(out);
                        return "cancelled";
                    }
                    return what + " to " + out;
                } finally {
                    Files.deleteIfExists(partial);
                }
            }

            private String fromRecording(Path file, Exporter exporter) throws IOException {
                updateMessage("Exporting " + file.getFileName() + "…");
                try (SessionReader reader = SessionReader.openReadable(file)) {
                    RecordingExport.Result r = new RecordingExport(reader, request.listenerName(), request.range())
                            .run(exporter, p -> updateProgress(p, 1), this::isCancelled);
                    if (!r.sawListener()) {
                        throw new IOException("the recording has no listener named '" + request.listenerName() + "'");
                    }
                    return String.format(Locale.ROOT, "Exported %,d records and %,d losses%s", r.records(),
                            r.losses(), r.intact() ? "" : " (the file is damaged: every chunk that verified)");
                }
            }

            private String fromTable(Exporter exporter) {
                updateMessage("Exporting the newest records the table holds…");
                var view = session.view(request.listenerId(), Metric.EXITS, session.tableRows(), RowSpan.ALL);
                TableRows rows = view == null ? TableRows.empty() : view.table();
                exporter.begin();
                for (int i = rows.size() - 1; i >= 0 && !isCancelled(); i--) { // oldest first, as time runs
                    ExitRecord r = rows.get(i);
                    exporter.record(r);
                    if (i % 1000 == 0) {
                        updateProgress(rows.size() - i, rows.size());
                    }
                }
                exporter.end();
                return String.format(Locale.ROOT, "Exported the newest %,d records", rows.size());
            }
        };
    }
}
