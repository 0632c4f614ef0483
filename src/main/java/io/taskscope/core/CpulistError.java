package io.taskscope.core;

/**
 * Why a cpulist was refused, classed as the kernel would refuse it.
 *
 * @param errno    the error the kernel returns for this text (EINVAL, ERANGE, EOVERFLOW or E2BIG)
 * @param message  a sentence for a person, naming the offending part
 * @param text     the whole text as given
 * @param position index in {@code text} where the problem was found (-1 when it is about the whole text)
 */
public record CpulistError(Errno errno, String message, String text, int position) {

    /** "EINVAL: 'abc': expected a CPU number at position 0". */
    public String describe() {
        return errno.name() + ": '" + text + "': " + message;
    }

    @Override
    public String toString() {
        return describe();
    }
}
