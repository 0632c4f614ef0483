package io.taskscope.ui.shell;

/**
 * What the introduction says about the source under it: the simulator, this machine live, a helper's stream or a
 * recording replaying, so it never calls a recording "the built-in simulator". Plain text, no toolkit.
 */
final class IntroductionText {

    /** The kinds of source the introduction tells apart. */
    enum Showing { SIMULATOR, LIVE, STREAM, RECORDING }

    /**
     * The source running under the introduction.
     *
     * @param name the simulator's profile, the live host, what streams ("pkexec helper"), or the recording's file
     */
    record Running(Showing showing, String name, int cpus) {
    }

    private IntroductionText() {
    }

    /** The sentence that leads to the three points: what is on screen now. */
    static String intro(Running r) {
        String prefix = "When a task exits, Linux sends its accounting record (times, memory, I/O and how long it "
                + "waited for CPU, disk, memory…) to the listeners registered on the CPU it exited on. ";
        String cpus = r.cpus() + (r.cpus() == 1 ? " CPU" : " CPUs");
        String now = switch (r.showing()) {
            case SIMULATOR -> "What you see now is the built-in simulator: a busy machine of " + cpus + " (profile "
                    + r.name() + "), so every view is alive:";
            case LIVE -> "What you see now is this machine, " + r.name() + ", live: the exits on its " + cpus
                    + " as its kernel sends them:";
            case STREAM -> "What you see now is a live stream from the " + r.name() + ": the exits on that machine's "
                    + cpus + " as its kernel sends them:";
            case RECORDING -> "What you see now is the recording " + r.name() + ", replaying: the exits on its "
                    + cpus + " as they were recorded, with the listeners it was recorded with:";
        };
        return prefix + now;
    }

    /** The closing line: where to go from here, given what runs. */
    static String next(Running r) {
        String live = "To watch this machine's real exits: Source → Live (needs root or CAP_NET_ADMIN), or Live "
                + "through a privileged helper. Help → Diagnostics (F1) checks what the machine allows.";
        return switch (r.showing()) {
            case SIMULATOR -> live;
            case LIVE -> "These are real exits. Source → Simulator (Ctrl+1) shows a simulated machine of any size "
                    + "instead; Help → Diagnostics (F1) says what this kernel allows.";
            case STREAM -> "The " + r.name() + " holds the privileges; this window needs none. Source → Simulator "
                    + "(Ctrl+1) shows a simulated machine instead.";
            case RECORDING -> "The replay bar pauses, seeks and steps it. " + live;
        };
    }
}
