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
    void theWindowGetsTheIconInEverySize() {
        List<Image> icons = Icons.window();
        assertThat(icons).hasSize(Icons.SIZES.length);
        for (int i = 0; i < icons.size(); i++) {
            assertThat(icons.get(i).isError()).isFalse();
            assertThat(icons.get(i).getWidth()).isEqualTo(Icons.SIZES[i]);
        }
    }
}
