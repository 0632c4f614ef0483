package io.taskscope.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Small facts about the running kernel and this process, read from /proc. */
public final class KernelFacts {
    private KernelFacts() {
    }

    /** CAP_NET_ADMIN's bit in CapEff: GENL_ADMIN_PERM checks it, in the initial user namespace. */
    static final int CAP_NET_ADMIN = 12;
    /** CAP_SYS_ADMIN: needed to write kernel.task_delayacct. */
    static final int CAP_SYS_ADMIN = 21;

    /** The fixed /proc inode numbers of the initial namespaces (include/linux/proc_ns.h). */
    static final long PROC_USER_INIT_INO = 0xEFFFFFFDL;
    static final long PROC_PID_INIT_INO = 0xEFFFFFFCL;
    /** Since Linux 6.x init_net has a fixed inode too; older kernels allocate it at boot. */
    static final long PROC_NET_INIT_INO = 0xEFFFFFF9L;

    public static String release() {
        return read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version"));
    }

    /** net.core.rmem_default: the receive buffer a socket gets when it asks for none (212 992 if unreadable). */
    public static long rmemDefault() {
        return read(Path.of("/proc/sys/net/core/rmem_default")).map(s -> {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 212_992L;
            }
        }).orElse(212_992L);
    }

    public static String hostname() {
        return read(Path.of("/proc/sys/kernel/hostname")).orElse("localhost");
    }

    /** Whether this process's effective capabilities include {@code bit}. */
    public static boolean hasCapability(int bit) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    return (caps & (1L << bit)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** The namespace inode of /proc/{pid}/ns/{kind}, or -1 when it cannot be read. */
    static long namespaceInode(String pid, String kind) {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc", pid, "ns", kind)).toString(); // "net:[4026531833]"
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static Optional<Boolean> inInitialUserNamespace() {
        long ino = namespaceInode("self", "user");
        return ino < 0 ? Optional.empty() : Optional.of(ino == PROC_USER_INIT_INO);
    }

    public static Optional<Boolean> inInitialPidNamespace() {
        long ino = namespaceInode("self", "pid");
        return ino < 0 ? Optional.empty() : Optional.of(ino == PROC_PID_INIT_INO);
    }

    /**
     * Whether we share init_net: the fixed inode on new kernels; on older ones, the namespace of PID 1 when we can
     * see the real PID 1 (initial pid namespace).
     */
    public static Optional<Boolean> inInitialNetNamespace() {
        long self = namespaceInode("self", "net");
        if (self < 0) {
            return Optional.empty();
        }
        if (self == PROC_NET_INIT_INO) {
            return Optional.of(true);
        }
        long init = namespaceInode("1", "net");
        if (init == PROC_NET_INIT_INO || (init > 0 && inInitialPidNamespace().orElse(false))) {
            return Optional.of(self == init);
        }
        return Optional.empty();
    }

    /** A kernel config option's value ("y", "m", or "n" when "is not set"), when the config can be read. */
    public static Optional<String> configOption(String name) {
        for (Path candidate : new Path[]{Path.of("/proc/config.gz"), Path.of("/boot/config-" + release())}) {
            if (!Files.isReadable(candidate)) {
                continue;
            }
            try (InputStream raw = Files.newInputStream(candidate);
                 InputStream in = candidate.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith(name + "=")) {
                        return Optional.of(line.substring(name.length() + 1));
                    }
                    if (line.equals("# " + name + " is not set")) {
                        return Optional.of("n");
                    }
                }
                return Optional.of("n");
            } catch (IOException e) {
                // try the next place
            }
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(ProcFiles.read(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
