package org.ipythonblocks.grid.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.ipythonblocks.grid.GridData;
import org.junit.jupiter.api.Test;

/** The text alternative a screen reader hears for a grid, computed from its blocks. */
class GridDescriptionTest {

    /** A width × height grid whose blocks take the colours of {@code colourOf(row, col)}, 20 px each. */
    static GridData grid(int width, int height, boolean linesOn, java.util.function.BiFunction<Integer, Integer, int[]> colourOf) {
        int[][] rows = new int[height][width * 4];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int[] rgb = colourOf.apply(r, c);
                System.arraycopy(new int[] { rgb[0], rgb[1], rgb[2], 20 }, 0, rows[r], c * 4, 4);
            }
        }
        return new GridData(width, height, linesOn, rows, Map.of());
    }

    @Test
    void namesTheMainColoursWithTheirShareOfTheBlocks() {
        // 10 by 10: six rows gold, three navy, one white.
        GridData grid = grid(10, 10, true, (r, c) -> r < 6 ? new int[] { 255, 215, 0 } : r < 9 ? new int[] { 0, 0, 128 } : new int[] { 255, 255, 255 });
        assertThat(GridDescription.summary(grid)).isEqualTo("a 10 by 10 grid: 60% gold, 30% navy, 10% white");
    }

    @Test
    void aGridOfOneColourSaysSo() {
        assertThat(GridDescription.summary(GridData.filled(3, 2, true, 123, 234, 123, 20))).isEqualTo("a 3 by 2 grid, all lightgreen");
    }

    @Test
    void coloursAreNamedByTheNearestPaletteColour() {
        assertThat(GridDescription.nameOf(250, 210, 10)).isEqualTo("gold");
        assertThat(GridDescription.nameOf(10, 10, 120)).isEqualTo("navy");
        assertThat(GridDescription.nameOf(231, 76, 60)).isEqualTo("tomato"); // Flat UI's Alizarin
        assertThat(GridDescription.nameOf(46, 204, 113)).isEqualTo("seagreen"); // Emerald
        assertThat(GridDescription.nameOf(52, 152, 219)).isEqualTo("royalblue"); // Peter River
        assertThat(GridDescription.nameOf(20, 20, 20)).isEqualTo("black");
        assertThat(GridDescription.nameOf(250, 250, 250)).isEqualTo("white");
        assertThat(GridDescription.nameOf(128, 128, 128)).isEqualTo("gray");
    }

    @Test
    void sharesAddUpToAHundredAndSmallColoursAreCountedTogether() {
        // 3 by 1: a third each: 34 + 33 + 33 (equal shares in the palette's order).
        GridData thirds = grid(3, 1, true, (r, c) -> new int[][] { { 255, 0, 0 }, { 0, 0, 255 }, { 0, 128, 0 } }[c]);
        assertThat(GridDescription.summary(thirds)).isEqualTo("a 3 by 1 grid: 34% red, 33% green, 33% blue");

        // 200 blocks: 190 black, one each of ten other colours; only those of at least 1% are named.
        List<int[]> others = List.of(new int[] { 255, 0, 0 }, new int[] { 0, 0, 255 }, new int[] { 255, 255, 0 },
                new int[] { 0, 255, 255 }, new int[] { 255, 0, 255 }, new int[] { 128, 0, 0 }, new int[] { 0, 128, 0 },
                new int[] { 0, 0, 128 }, new int[] { 255, 165, 0 }, new int[] { 128, 0, 128 });
        GridData speckled = grid(20, 10, false, (r, c) -> r == 0 && c < 10 ? others.get(c) : new int[] { 0, 0, 0 });
        assertThat(GridDescription.summary(speckled)).isEqualTo("a 20 by 10 grid: 95% black, 1% red, 4% other colours");
    }

    @Test
    void theDetailsTellTheBlockSizeTheLinesAndTheCorners() {
        GridData grid = grid(4, 2, true, (r, c) -> r == 0 && c == 0 ? new int[] { 255, 215, 0 } : new int[] { 0, 0, 128 });
        assertThat(GridDescription.details(grid))
                .isEqualTo("Blocks of 20 pixels, with white lines between them; the top left block is gold and the bottom right one navy.");
        assertThat(GridDescription.details(GridData.filled(2, 2, false, 0, 0, 0, 1)))
                .isEqualTo("Blocks of 1 pixel, with no lines between them; the top left block is black and the bottom right one black.");
    }

    @Test
    void raggedAndOutOfRangeLegacyDataIsDescribedAsItIsDrawn() {
        // Row 0 has two blocks, row 1 one; a colour of 300 is drawn as 255 and a size of 0 as 1.
        GridData ragged = new GridData(2, 2, true, new int[][] { { 300, 300, 300, 0, 0, 0, 0, 30 }, { 255, 0, 0, 20 } }, Map.of());
        assertThat(GridDescription.summary(ragged)).isEqualTo("a 2 by 2 grid: 34% black, 33% white, 33% red");
        assertThat(GridDescription.details(ragged)).startsWith("Blocks of 1 to 30 pixels").endsWith("the bottom right one red.");
    }

    @Test
    void theScriptGetsThePaletteTheServerUses() {
        assertThat(GridDescription.paletteAttribute()).startsWith("black:0,0,0;").contains(";gold:255,215,0;").contains(";navy:0,0,128;");
        assertThat(GridDescription.paletteAttribute().split(";")).hasSize(GridDescription.PALETTE.size());
    }
}
