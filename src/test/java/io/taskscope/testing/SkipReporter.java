package io.taskscope.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints "SKIPPED <test>: <reason>" on the console for every test or container that did not run: JUnit keeps an
 * assumption's message in the surefire reports only. Kernel tests (tagged "kernel", or skipped by
 * {@link KernelUnavailable}) are marked "[kernel]" and also appended to {@link #KERNEL_SKIPS}, which .ci/run reads
 * after the tests: as root where taskstats works, none may have skipped. The file is created (empty) as soon as the
 * tests start, so its absence says this reporter did not run; .ci/run removes it before the tests.
 * Registered in META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 */
public final class SkipReporter implements TestExecutionListener {

    /** Relative to the working directory, which surefire sets to the project's, as KernelSupport's helper is. */
    public static final Path KERNEL_SKIPS = Path.of("target", "kernel-test-skips.txt");
    private static final TestTag KERNEL = TestTag.create("kernel");

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        append("");
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        report(test, reason, false);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            Throwable why = result.getThrowable().orElse(null);
            String reason = why == null || why.getMessage() == null ? "aborted without a reason" : why.getMessage();
            report(test, reason, why instanceof KernelUnavailable);
        }
    }

    private static void report(TestIdentifier test, String reason, boolean kernelUnavailable) {
        boolean kernel = kernelUnavailable || test.getTags().contains(KERNEL);
        String line = name(test) + ": " + reason;
        System.out.println("SKIPPED " + (kernel ? "[kernel] " : "") + line);
        if (kernel) {
            append(line + "\n");
        }
    }

    /** Class.method, with the invocation's name for a parameterized test ("[2] SEQUENCE_GAPS"). */
    private static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            String invocation = test.getDisplayName().startsWith("[") ? " " + test.getDisplayName() : "";
            return m.getClassName() + "." + m.getMethodName() + invocation;
        }
        if (source instanceof ClassSource c) {
            return c.getClassName();
        }
        return test.getDisplayName();
    }

    private static synchronized void append(String text) {
        try {
            Files.createDirectories(KERNEL_SKIPS.getParent());
            Files.writeString(KERNEL_SKIPS, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + KERNEL_SKIPS.toAbsolutePath(), e);
        }
    }
}
