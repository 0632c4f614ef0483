package io.taskscope.live;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Diagnostics} found: facts about this machine and a list of checks, each with the fix when it fails.
 *
 * @param kernelRelease    uname -r
 * @param familyId         the TASKSTATS generic netlink family id, empty when it does not resolve
 * @param taskstatsVersion the struct version this kernel sends, empty when it could not be asked
 * @param cpus             possible/online CPUs and NR_CPUS, empty when sysfs could not be read
 * @param delayAccounting  kernel.task_delayacct, empty when the sysctl does not exist
 * @param checks           in the order they were made
 */
public record ProbeReport(String kernelRelease, Optional<Integer> familyId, Optional<Integer> taskstatsVersion,
                          Optional<SystemCpus> cpus, Optional<Boolean> delayAccounting, List<Check> checks) {

    public enum Status { OK, INFO, WARN, FAIL }

    /**
     * @param name   short and stable ("permission", "delay-accounting"...)
     * @param status FAIL means live collection will not work
     * @param detail what was found
     * @param fix    the command or action that fixes it, empty when nothing needs fixing
     */
    public record Check(String name, Status status, String detail, String fix) {
    }

    /** Whether live collection will work here. */
    public boolean liveCollectionWorks() {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
    }
}
