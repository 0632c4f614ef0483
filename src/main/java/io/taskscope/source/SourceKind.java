package io.taskscope.source;

import java.util.Locale;

public enum SourceKind {
    LIVE, SIM, REPLAY;

    /** The lower-case name used on the command line: live, sim, replay. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
