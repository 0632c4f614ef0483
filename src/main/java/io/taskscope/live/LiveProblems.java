package io.taskscope.live;

import io.taskscope.core.Errno;
import io.taskscope.live.nativeio.NativeException;

/**
 * Why live collection cannot work here, each with the command or action that fixes it. Shared by the collector
 * (its refusal to start) and probe (its FAIL lines).
 */
public final class LiveProblems {
    private LiveProblems() {
    }

    /** A diagnosis for people and its fix. */
    public record Problem(String diagnosis, String fix) {
        /** The diagnosis followed by the fix: one paragraph. */
        public String message() {
            return diagnosis + " Fix: " + fix;
        }
    }

    public static final Problem NO_PERMISSION = new Problem(
            "Registering a taskstats listener needs CAP_NET_ADMIN in the initial user namespace (since Linux 3.1 "
                    + "the kernel marks TASKSTATS_CMD_GET GENL_ADMIN_PERM, after CVE-2011-2494), and this process "
                    + "does not have it.",
            "run as root (sudo taskscope ...); in the desktop app, Source → Live through a privileged helper "
                    + "(pkexec); with the installed package, setcap cap_net_admin+ep on /opt/taskscope/bin/taskscope "
                    + "restricted to a group (README: Granting CAP_NET_ADMIN, and its trade-off; never on the "
                    + "system java, which would give it to every Java program); or use the simulator: --source sim");

    public static final Problem NO_FAMILY = new Problem(
            "The kernel has no TASKSTATS generic netlink family: it was built without CONFIG_TASKSTATS.",
            "boot a kernel with CONFIG_TASKSTATS=y (distribution kernels have it); meanwhile use --source sim");

    public static final Problem NOT_INIT_NET = new Problem(
            "This process is in a non-initial network namespace (a container, or unshare -n). The kernel accepts "
                    + "the registration there, but send_cpu_listeners() always delivers in init_net, so nothing "
                    + "would ever arrive.",
            "run Taskscope on the host, or start the container with --network host");

    public static final Problem NOT_INIT_PID = new Problem(
            "This process is in a non-initial PID namespace (a container, or unshare -p). add_del_listener() "
                    + "refuses registration there with EINVAL.",
            "run Taskscope on the host, or start the container with --pid host");

    public static final Problem NOT_INIT_USER = new Problem(
            "This process is in a user namespace; its root has no CAP_NET_ADMIN in the initial user namespace, "
                    + "which registration needs.",
            "run Taskscope on the host, outside the user namespace");

    public static final Problem NO_NETLINK = new Problem(
            "This process cannot open AF_NETLINK sockets (not Linux, or a seccomp sandbox), so it cannot talk to "
                    + "taskstats.",
            "run on Linux outside the sandbox; or use the simulator: --source sim");

    /** The diagnosis for a refused registration or query. */
    public static Problem forErrno(int errno, String what) {
        if (errno == Errno.EPERM.number()) {
            return NO_PERMISSION;
        }
        if (errno == Errno.EINVAL.number()) {
            return new Problem("The kernel refused " + what + " with EINVAL, which is what add_del_listener() "
                    + "answers outside the initial PID or user namespace.", NOT_INIT_PID.fix());
        }
        return new Problem("The kernel refused " + what + ": " + Errno.describe(errno) + ".",
                "see taskscope probe");
    }

    static Problem forSocketFailure(NativeException e) {
        if (e.errno() == Errno.EMFILE.number() || e.errno() == Errno.ENFILE.number()) {
            // each CPU, and each registered listener, is a socket: the open-files limit bounds them
            return new Problem("This process may not open another socket: " + Errno.describe(e.errno()) + " ("
                    + e.getMessage() + "). Each online CPU takes one, and each registered listener one more.",
                    "raise the limit (ulimit -n, LimitNOFILE= in a unit) or register fewer listeners");
        }
        return new Problem(NO_NETLINK.diagnosis() + " (" + e.getMessage() + ")", NO_NETLINK.fix());
    }
}
