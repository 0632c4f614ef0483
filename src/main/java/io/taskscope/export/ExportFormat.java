package io.taskscope.export;

import java.io.Writer;
import java.util.Locale;
import java.util.Optional;

/** The formats records can be exported to. */
public enum ExportFormat {
    CSV("csv", "CSV (kernel field names as headers)"),
    PERFETTO("json", "Perfetto / Chrome trace (ui.perfetto.dev)");

    private final String extension;
    private final String label;

    ExportFormat(String extension, String label) {
        this.extension = extension;
        this.label = label;
    }

    /** As the command line names it: {@code csv} or {@code perfetto}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExportFormat> byCliName(String name) {
        for (ExportFormat f : values()) {
            if (f.cliName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String extension() {
        return extension;
    }

    public String label() {
        return label;
    }

    public Exporter open(Writer out) {
        return this == CSV ? new CsvExporter(out) : new PerfettoExporter(out);
    }
}
