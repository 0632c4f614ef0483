package io.taskscope.ui.base;

import io.taskscope.core.Listener;
import io.taskscope.core.ListenerSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Says in a few words what an edit changed between two listener sets, and what a set is, for the status line when
 * a step is undone or redone ("Undone: web's CPUs 0-15 → 0-7"). Plain text, no toolkit.
 */
final class ListenerChanges {

    /** Long cpulists are cut: a status line is one line. */
    private static final int MAX_CPULIST = 24;
    private static final int MAX_SUMMARY = 110;

    private ListenerChanges() {
    }

    /** The change from {@code before} to {@code after}: one edit named as such, several counted. */
    static String describe(ListenerSet before, ListenerSet after) {
        List<String> changes = new ArrayList<>();
        for (Listener b : before.listeners()) {
            Optional<Listener> a = after.byId(b.id());
            if (a.isEmpty()) {
                changes.add("remove " + b.name());
            } else {
                changes.addAll(changesOf(b, a.get()));
            }
        }
        for (Listener a : after.listeners()) {
            if (before.byId(a.id()).isEmpty()) {
                changes.add("add " + a.name());
            }
        }
        if (changes.isEmpty()) {
            return "no change to the listeners";
        }
        return changes.size() == 1 ? changes.get(0) : changes.size() + " changes to the listeners";
    }

    private static List<String> changesOf(Listener b, Listener a) {
        List<String> out = new ArrayList<>();
        if (!b.name().equals(a.name())) {
            out.add("rename " + b.name() + " to " + a.name());
        }
        if (!b.cpus().equals(a.cpus())) {
            out.add(a.name() + "'s CPUs " + cpulist(b) + " → " + cpulist(a));
        }
        if (b.rgb() != a.rgb()) {
            out.add(a.name() + "'s colour");
        }
        return out;
    }

    /** "web 0-15, batch 0-1,16-31,…, db 32-47", or "none". */
    static String summary(ListenerSet set) {
        if (set.listeners().isEmpty()) {
            return "none";
        }
        StringJoiner out = new StringJoiner(", ");
        for (Listener l : set.listeners()) {
            out.add(l.name() + " " + cpulist(l));
        }
        String text = out.toString();
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String cpulist(Listener l) {
        String text = l.cpus().isEmpty() ? "(no CPUs)" : l.cpus().toCpulist();
        return text.length() <= MAX_CPULIST ? text : text.substring(0, MAX_CPULIST - 1) + "…";
    }
}
