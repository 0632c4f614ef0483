package io.taskscope.core;

/**
 * A faithful Java port of the kernel's cpulist grammar: {@code bitmap_parselist()} in lib/bitmap-str.c as called by
 * {@code cpulist_parse()} from taskstats' {@code parse()} (kernel/taskstats.c).
 *
 * <pre>
 *   list   := (sep* region)* sep*        sep := ',' | isspace   (the text ends at NUL or '\n')
 *   region := ("all" | num ["-" num]) [":" num "/" num]
 *   num    := decimal digits | "N"       ("N" is the last CPU, nr_cpu_ids - 1)
 * </pre>
 * {@code a-b:used/group} sets the first {@code used} CPUs of every {@code group} starting at a ({@code 0-7:2/4} = 0,1,4,5).
 * Errors, in the kernel's order for each region: EINVAL for syntax; EOVERFLOW for a number above 2^32-1; then
 * {@code bitmap_check_region()}: EINVAL when start &gt; end, group is 0 or used &gt; group, ERANGE when end &ge;
 * nr_cpu_ids. Before any of that, taskstats' {@code parse()} answers E2BIG when the attribute (text + NUL) is
 * longer than {@code TASKSTATS_CPUMASK_MAXLEN}. Checked against Linux 6.18 (see CpuSetTest).
 */
final class CpulistParser {

    private static final long U32_MASK = 0xFFFF_FFFFL;

    private final String text;
    private final int nbits;
    private int pos;

    private CpulistParser(String text, int nbits) {
        this.text = text;
        this.nbits = nbits;
    }

    static CpulistParse parse(String text, CpulistLimits limits) {
        if (text == null) {
            text = "";
        }
        if (text.length() > limits.maxTextLength()) {
            return refuse(Errno.E2BIG, "the text is " + text.length() + " characters; the kernel takes at most "
                    + limits.maxTextLength() + " (TASKSTATS_CPUMASK_MAXLEN = 100 + 6 x NR_CPUS, NUL included)", text, -1);
        }
        return new CpulistParser(text, limits.nrCpuIds()).parseList();
    }

    private static CpulistParse refuse(Errno errno, String message, String text, int position) {
        return new CpulistParse.Refused(new CpulistError(errno, message, text, position));
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isEndOfString(char c) {
        return c == '\0' || c == '\n';
    }

    /** The kernel's isspace(): space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isRegionSeparator(char c) {
        return isSpace(c) || c == ',';
    }

    private static boolean isEndOfRegion(char c) {
        return isRegionSeparator(c) || isEndOfString(c);
    }

    /** Carries a refusal out of the recursive-descent helpers; cheap (no stack trace). */
    private static final class Refusal extends Exception {
        final CpulistError error;

        Refusal(CpulistError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** bitmap_parselist(): find a region, parse it, check it, set it; until the end of the string. */
    private CpulistParse parseList() {
        long[] words = new long[(nbits + 63) >> 6];
        try {
            while (true) {
                // bitmap_find_region()
                while (isRegionSeparator(at(pos)) && !isEndOfString(at(pos))) {
                    pos++;
                }
                if (isEndOfString(at(pos))) {
                    break;
                }
                int regionStart = pos;
                Region r = parseRegion();
                check(r, regionStart);
                // bitmap_set_region()
                for (long start = r.start; start <= r.end; start += r.groupLen) {
                    long end = start + Math.min(r.end - start + 1, r.used);
                    for (long cpu = start; cpu < end; cpu++) {
                        words[(int) (cpu >> 6)] |= 1L << cpu;
                    }
                }
                if (r.lastInString) {
                    break;
                }
            }
        } catch (Refusal refusal) {
            return new CpulistParse.Refused(refusal.error);
        }
        return new CpulistParse.Parsed(CpuSet.ofWords(words));
    }

    private record Region(long start, long end, long used, long groupLen, boolean lastInString) {
    }

    /** bitmap_parse_region(). */
    private Region parseRegion() throws Refusal {
        long start;
        long end;
        if (text.regionMatches(true, pos, "all", 0, 3)) {
            start = 0;
            end = nbits - 1;
            pos += 3;
        } else {
            start = number();
            if (isEndOfRegion(at(pos))) {
                return noPattern(start, start);
            }
            if (at(pos) != '-') {
                throw syntax("expected '-', ',' or the end after a CPU number");
            }
            pos++;
            end = number();
        }
        if (isEndOfRegion(at(pos))) {
            return noPattern(start, end);
        }
        if (at(pos) != ':') {
            throw syntax("expected ':', ',' or the end after a range");
        }
        pos++;
        long used = number();
        if (at(pos) != '/') {
            throw syntax("expected '/' in a group (like 0-7:2/4)");
        }
        pos++;
        long group = number();
        return new Region(start, end, used, group, false);
    }

    /** The kernel sets off = group_len = end + 1 in unsigned int, so a region ending at 2^32-1 wraps to 0 (EINVAL). */
    private Region noPattern(long start, long end) {
        long wrapped = (end + 1) & U32_MASK;
        return new Region(start, end, wrapped, wrapped, isEndOfString(at(pos)));
    }

    /** bitmap_getnum(): "N" or decimal digits (no sign), as an unsigned int. */
    private long number() throws Refusal {
        if (at(pos) == 'N') {
            pos++;
            return nbits - 1;
        }
        int begin = pos;
        long value = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            value = Math.min(value * 10 + (text.charAt(pos) - '0'), U32_MASK + 1); // saturate: no wrap
            pos++;
        }
        if (pos == begin) {
            throw syntax("expected a CPU number");
        }
        if (value > U32_MASK) {
            throw refusal(Errno.EOVERFLOW, "the number '" + text.substring(begin, pos) + "' is too large", begin);
        }
        return value;
    }

    private Refusal syntax(String what) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
        return refusal(Errno.EINVAL, what + ", found " + found + " at position " + pos, pos);
    }

    private Refusal refusal(Errno errno, String message, int position) {
        return new Refusal(new CpulistError(errno, message, text, position));
    }

    /** bitmap_check_region(). */
    private void check(Region r, int regionStart) throws Refusal {
        String region = text.substring(regionStart, Math.min(pos, text.length()));
        if (r.start > r.end) {
            throw refusal(Errno.EINVAL, "range '" + region + "' ends before it starts", regionStart);
        }
        if (r.groupLen == 0 || r.used > r.groupLen) {
            throw refusal(Errno.EINVAL, "group in '" + region + "' needs a size above 0 and at most that many used CPUs",
                    regionStart);
        }
        if (r.end >= nbits) {
            throw refusal(Errno.ERANGE, "CPU " + r.end + " in '" + region + "' is beyond the last possible CPU ("
                    + (nbits - 1) + ")", regionStart);
        }
    }
}
