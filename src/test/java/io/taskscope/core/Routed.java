package io.taskscope.core;

import java.util.ArrayList;
import java.util.List;

/** The listener ids a routing gives for a CPU, as a list tests can compare. */
final class Routed {
    private Routed() {
    }

    static List<Integer> ids(ListenerRouting routing, int cpu) {
        int[] into = new int[ListenerRouting.MAX_LISTENERS];
        int n = routing.route(cpu, into);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(into[i]);
        }
        return ids;
    }
}
