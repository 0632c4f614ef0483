package io.taskscope.live;

import io.taskscope.live.nativeio.NativeException;

/** The diagnoses of why live collection cannot work here, each with the command that fixes it. Shared by the collector and probe. */
public final class LiveProblems {
    private LiveProblems() {
    }

    public static final String NO_PERMISSION =
            "Registering a taskstats listener needs CAP_NET_ADMIN in the initial user namespace (the kernel marks "
            + "TASKSTATS_CMD_GET GENL_ADMIN_PERM since Linux 3.1, CVE-2011-2494), and this process does not have it. "
            + "Fix: run as root (sudo taskscope ...), or grant the capability to the launcher once: "
            + "sudo setcap cap_net_admin+eip \"$(readlink -f \"$(command -v java)\")\". "
            + "Or use the simulator: --source sim.";

    public static final String NO_FAMILY =
            "The kernel has no TASKSTATS generic netlink family, so it was built without CONFIG_TASKSTATS "
            + "(or the family failed to register). Fix: boot a kernel with CONFIG_TASKSTATS=y (every major "
            + "distribution kernel has it). Meanwhile the simulator works anywhere: --source sim.";

    public static final String NOT_INIT_NET =
            "This process is in a non-initial network namespace (a container or 'unshare -n'). The kernel accepts "
            + "the registration there but always delivers exits in init_net (send_cpu_listeners() unicasts with "
            + "&init_net), so nothing would ever arrive. Fix: run Taskscope on the host, or in a container started "
            + "with --network host (and --pid host, CAP_NET_ADMIN).";

    public static final String NOT_INIT_PID =
            "This process is in a non-initial PID namespace (a container or 'unshare -p'). The kernel refuses "
            + "listener registration there with EINVAL (add_del_listener() requires task_active_pid_ns(current) "
            + "== &init_pid_ns). Fix: run Taskscope on the host, or in a container started with --pid host.";

    public static final String NO_NETLINK =
            "This system does not offer AF_NETLINK sockets to this process (is it Linux? a seccomp sandbox?), so "
            + "there is no way to talk to taskstats. Use the simulator: --source sim.";

    /** Turns a failed registration's errno into a diagnosis. */
    public static String forRegistrationErrno(int errno, String cpulist) {
        return switch (errno) {
            case 1 -> NO_PERMISSION;
            case 22 -> "The kernel refused to register a listener on CPUs '" + cpulist + "' with EINVAL. "
                    + "Outside the initial PID or user namespace this is what add_del_listener() answers. "
                    + NOT_INIT_PID;
            default -> "The kernel refused to register a listener on CPUs '" + cpulist + "': "
                    + io.taskscope.core.Errno.describe(errno) + ".";
        };
    }

    static String forSocketFailure(NativeException e) {
        return NO_NETLINK + " (" + e.getMessage() + ")";
    }
}
