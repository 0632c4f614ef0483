package io.taskscope.ui.base;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which Prism pipeline the toolkit should try, decided before it starts. Prism tries es2 (OpenGL) first and keeps it
 * only for a GPU that passes its hardware check; Mesa's software GL (llvmpipe, what Xvfb, VNC and GPU-less VMs
 * offer) fails that check. The probe still loads Mesa and LLVM into the process, so on a machine with no GPU the
 * attempt costs about 55 MB of resident memory and 200 ms of start-up for a pipeline that is then thrown away.
 * Without a GPU device node (a DRM card or render node, or NVIDIA's) no hardware OpenGL can exist, so the software
 * pipeline is chosen at once. A {@code -Dprism.order} the user gave is always kept.
 */
public final class RenderPipeline {
    static final String ORDER = "prism.order";

    private RenderPipeline() {
    }

    /** Sets prism.order=sw on this JVM if the user did not choose and this machine has no GPU device. */
    public static void chooseBeforeToolkit() {
        String chosen = choose(System.getProperty(ORDER), Path.of("/dev"));
        if (chosen != null) {
            System.setProperty(ORDER, chosen);
        }
    }

    /**
     * The prism.order to set, or null to leave Prism's own order: {@code userOrder} is what the user set (null if
     * nothing), {@code dev} the device directory.
     */
    static String choose(String userOrder, Path dev) {
        if (userOrder != null || hasGpuDevice(dev)) {
            return null;
        }
        return "sw";
    }

    /** A DRM node (/dev/dri/card*, renderD*) or NVIDIA's /dev/nvidia0: what any hardware OpenGL driver opens. */
    static boolean hasGpuDevice(Path dev) {
        if (Files.exists(dev.resolve("nvidia0"))) {
            return true;
        }
        Path dri = dev.resolve("dri");
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dri, "{card,renderD}*")) {
            return nodes.iterator().hasNext();
        } catch (IOException e) {
            return true; // cannot tell: leave Prism's own choice
        }
    }
}
