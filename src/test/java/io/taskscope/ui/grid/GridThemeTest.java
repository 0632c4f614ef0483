package io.taskscope.ui.grid;

import io.taskscope.core.ListenerSet;
import io.taskscope.ui.base.Palette;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GridThemeTest {

    /** Hues, in degrees, of the listener colours that have one (the palette's grey has none). */
    private static double[] listenerHues() {
        return java.util.stream.IntStream.range(0, 8).mapToObj(i -> Palette.fx(ListenerSet.colour(i)))
                .filter(c -> c.getSaturation() > 0.1).mapToDouble(Color::getHue).toArray();
    }

    private static double hueDistance(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    @ParameterizedTest(name = "dark={0}")
    @ValueSource(booleans = {false, true})
    void aBusyCellNeverTakesAListenersHue(boolean dark) {
        GridTheme theme = GridTheme.of(dark);
        // from a quarter up the fill is coloured enough to be taken for a stripe (the first listener's orange was)
        for (int level = (CpuHeat.LEVELS - 1) / 4; level < CpuHeat.LEVELS; level++) {
            Color fill = theme.heat(level / (double) (CpuHeat.LEVELS - 1));
            for (double hue : listenerHues()) {
                assertThat(hueDistance(fill.getHue(), hue)).as("level %d, %s against hue %.0f", level, fill, hue)
                        .isGreaterThan(40);
            }
        }
    }

    @ParameterizedTest(name = "dark={0}")
    @ValueSource(booleans = {false, true})
    void cellNumbersStayReadableAtEveryHeat(boolean dark) {
        GridTheme theme = GridTheme.of(dark);
        for (int level = 0; level < CpuHeat.LEVELS; level++) {
            Color fill = theme.heat(level / (double) (CpuHeat.LEVELS - 1));
            Color ink = theme.textOn(fill);
            assertThat(GridTheme.contrast(ink, fill)).as("level %d", level).isGreaterThanOrEqualTo(4.5);
            // muted, where nobody listens, on the patch of fill the painter puts under the number
            assertThat(GridTheme.contrast(ink.interpolate(fill, 0.25), fill)).as("level %d", level)
                    .isGreaterThanOrEqualTo(3);
        }
        assertThat(GridTheme.contrast(theme.dim(), theme.background())).as("row numbers").isGreaterThanOrEqualTo(3);
    }
}
