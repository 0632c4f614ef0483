package io.taskscope.cli;

import io.taskscope.source.SourceKind;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --source live|sim}. Null when not given: listen and record then read live, the app the last one used. */
final class SourceKindOption {

    @Option(names = "--source", paramLabel = "${bundle:source.label:-live|sim}", converter = Converter.class,
            description = "Where records come from: live (this kernel; root or CAP_NET_ADMIN) or sim (the built-in "
                    + "simulator, anywhere). Default: live.")
    SourceKind kind;

    SourceKind orElse(SourceKind notGiven) {
        return kind != null ? kind : notGiven;
    }

    static final class Converter implements CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            for (SourceKind k : new SourceKind[]{SourceKind.LIVE, SourceKind.SIM}) {
                if (k.cliName().equals(value)) {
                    return k;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a source: use live or sim");
        }
    }
}
