package io.taskscope.core;

/** The outcome of parsing cpulist text: a set, or the kernel's reason for refusing it. */
public sealed interface CpulistParse permits CpulistParse.Parsed, CpulistParse.Refused {

    record Parsed(CpuSet cpus) implements CpulistParse {
    }

    record Refused(CpulistError error) implements CpulistParse {
    }

    default boolean isOk() {
        return this instanceof Parsed;
    }

    /** The set; for text the caller trusts (constants, tests). Refused text is a programming error here. */
    default CpuSet orElseThrow() {
        if (this instanceof Parsed p) {
            return p.cpus();
        }
        throw new IllegalArgumentException(((Refused) this).error().describe());
    }
}
