package io.taskscope.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderPipelineTest {

    @TempDir
    Path dev;

    @Test
    void noGpuDeviceChoosesTheSoftwarePipeline() throws Exception {
        assertThat(RenderPipeline.choose(null, dev)).isEqualTo("sw");
        Files.createDirectory(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/by-path")); // not a card or render node
        assertThat(RenderPipeline.choose(null, dev)).isEqualTo("sw");
    }

    @Test
    void aDrmRenderNodeOrCardLeavesPrismToTryOpenGl() throws Exception {
        Files.createDirectory(dev.resolve("dri"));
        Files.createFile(dev.resolve("dri/renderD128"));
        assertThat(RenderPipeline.choose(null, dev)).isNull();
        Files.delete(dev.resolve("dri/renderD128"));
        Files.createFile(dev.resolve("dri/card0"));
        assertThat(RenderPipeline.choose(null, dev)).isNull();
    }

    @Test
    void anNvidiaDeviceLeavesPrismToTryOpenGl() throws Exception {
        Files.createFile(dev.resolve("nvidia0"));
        assertThat(RenderPipeline.choose(null, dev)).isNull();
    }

    @Test
    void theUsersOrderIsKept() {
        assertThat(RenderPipeline.choose("es2,sw", dev)).isNull();
    }
}
