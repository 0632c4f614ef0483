package io.taskscope.ui;

import io.taskscope.ui.shell.Icons;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class IconsTest {

    @Test
    void theWindowGetsTheIconInTheSizeTheWindowManagerIsGiven() {
        List<Image> icons = Icons.window();
        assertThat(icons).hasSize(1);
        assertThat(icons.get(0).isError()).isFalse();
        assertThat(icons.get(0).getWidth()).isEqualTo(Icons.WINDOW_SIZE);
        assertThat(icons.get(0).getHeight()).isEqualTo(Icons.WINDOW_SIZE);
    }
}
