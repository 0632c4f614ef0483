package io.taskscope.ui.dashboard;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's tile sizes: as large as the space allows, all in view whenever that is possible. */
class TileLayoutProperties {

    /** The dashboard's tiles: records/s, lost, delays, leaders, distribution, exits by CPU. */
    private static final List<TileLayout.Span> TILES = TilesView.SPANS;

    @Test
    void at1280x800EveryTileIsInViewInOneRow() {
        // the tab's viewport at 1280x800 with the grid above it: about 1263 x 205 px
        TileLayout fit = TileLayout.fit(TILES, 1263, 205);
        assertThat(fit.fits()).isTrue();
        assertThat(fit.unit()).isGreaterThanOrEqualTo(TileLayout.MIN_UNIT);
        assertThat(TileLayout.heightOf(TILES, fit.unit(), fit.tall(), 1263)).isLessThanOrEqualTo(205);
        assertThat(fit.tall()).as("the spare height makes them taller").isGreaterThan(fit.unit());
    }

    @Test
    void moreRoomMeansBiggerTilesUpToTheMaximum() {
        assertThat(TileLayout.fit(TILES, 1904, 330).unit()).isGreaterThan(TileLayout.fit(TILES, 1263, 205).unit());
        assertThat(TileLayout.fit(TILES, 5000, 3000).unit()).isEqualTo(TileLayout.MAX_UNIT);
        assertThat(TileLayout.fit(TILES, 5000, 3000).tall()).isEqualTo(Math.floor(TileLayout.MAX_UNIT * TileLayout.MAX_STRETCH));
    }

    @Test
    void whenNothingFitsTheSmallestTilesScroll() {
        TileLayout fit = TileLayout.fit(TILES, 700, 150);
        assertThat(fit.fits()).isFalse();
        assertThat(fit.unit()).isEqualTo(TileLayout.MIN_UNIT);
    }

    @Property(tries = 1000)
    void aFitIsTheLargestThatFits(@ForAll @DoubleRange(min = 300, max = 4000) double width,
                                  @ForAll @DoubleRange(min = 100, max = 2500) double height,
                                  @ForAll @IntRange(min = 1, max = 6) int count) {
        List<TileLayout.Span> tiles = TILES.subList(0, count);
        TileLayout fit = TileLayout.fit(tiles, width, height);
        assertThat(fit.unit()).isBetween(TileLayout.MIN_UNIT, TileLayout.MAX_UNIT);
        assertThat(fit.tall()).isBetween(fit.unit(), fit.unit() * TileLayout.MAX_STRETCH);
        if (fit.fits()) {
            assertThat(TileLayout.heightOf(tiles, fit.unit(), fit.tall(), width)).isLessThanOrEqualTo(height);
            assertThat(tiles).allMatch(t -> t.widthAt(fit.unit()) <= width);
            if (fit.unit() < TileLayout.MAX_UNIT) { // one pixel more and they would not
                double bigger = fit.unit() + 1;
                assertThat(TileLayout.heightOf(tiles, bigger, bigger, width) > height
                        || tiles.stream().anyMatch(t -> t.widthAt(bigger) > width)).isTrue();
            }
        }
    }
}
