package io.taskscope.session.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Total delay (all classes) and exits per command name, for a leaderboard. Bounded: past {@link #MAX_COMMANDS}
 * names the smallest half is forgotten, so a long session with endless distinct names stays small.
 */
public final class CommandBoard {

    public static final int MAX_COMMANDS = 512;

    /** A command's totals. */
    public record Entry(String comm, long exits, long delayNanos) {
    }

    private final Map<String, long[]> totals = new HashMap<>();

    public void add(String comm, long delayNanos) {
        long[] t = totals.computeIfAbsent(comm, k -> new long[2]);
        t[0]++;
        t[1] += delayNanos;
        if (totals.size() > MAX_COMMANDS) {
            List<Map.Entry<String, long[]>> entries = new ArrayList<>(totals.entrySet());
            entries.sort(Comparator.comparingLong(e -> e.getValue()[1]));
            for (int i = 0; i < entries.size() / 2; i++) {
                totals.remove(entries.get(i).getKey());
            }
        }
    }

    /** The {@code n} commands with the most delay, most first. */
    public List<Entry> top(int n) {
        return totals.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(n).map(e -> new Entry(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }
}
