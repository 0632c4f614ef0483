package io.taskscope.core;

/**
 * The Linux error numbers Taskscope meets: netlink error replies, cpulist parse errors and recv failures.
 * Numbers are the x86/generic ones from include/uapi/asm-generic/errno-base.h and errno.h.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    E2BIG(7, "Argument list too long"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EINVAL(22, "Invalid argument"),
    ERANGE(34, "Numerical result out of range"),
    ENOENT(2, "No such file or directory"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    ENOBUFS(105, "No buffer space available"),
    ECONNREFUSED(111, "Connection refused");

    private final int number;
    private final String description;

    Errno(int number, String description) {
        this.number = number;
        this.description = description;
    }

    public int number() {
        return number;
    }

    public String description() {
        return description;
    }

    /** The constant for a positive errno value, or null when Taskscope does not name it. */
    public static Errno of(int number) {
        for (Errno e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        return null;
    }

    /** "EINVAL (22)" for known numbers, "errno 123" otherwise. */
    public static String describe(int number) {
        Errno e = of(number);
        return e == null ? "errno " + number : e.name() + " (" + number + ")";
    }
}
