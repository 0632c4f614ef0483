package io.taskscope.taskstats;

/** The TASKSTATS generic netlink family (include/uapi/linux/taskstats.h). */
public final class TaskstatsProtocol {
    private TaskstatsProtocol() {
    }

    public static final String FAMILY_NAME = "TASKSTATS";
    public static final int GENL_VERSION = 1;

    /** user to kernel: a query, or a (de)registration of a cpumask listener. */
    public static final int CMD_GET = 1;
    /** kernel to user: query replies and exit events. */
    public static final int CMD_NEW = 2;

    public static final int TYPE_PID = 1;
    public static final int TYPE_TGID = 2;
    public static final int TYPE_STATS = 3;
    public static final int TYPE_AGGR_PID = 4;
    public static final int TYPE_AGGR_TGID = 5;
    /** Zero-length padding that {@code nla_reserve_64bit()} may put before STATS; skipped wherever it is. */
    public static final int TYPE_NULL = 6;

    public static final int CMD_ATTR_PID = 1;
    public static final int CMD_ATTR_TGID = 2;
    public static final int CMD_ATTR_REGISTER_CPUMASK = 3;
    public static final int CMD_ATTR_DEREGISTER_CPUMASK = 4;
}
