package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class GridImagesTest {

    static BufferedImage draw(GridData grid) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(GridImages.png(grid)));
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void blocksHaveTheirOwnSizesAndWhiteLinesAsInTheTable() throws IOException {
        // Row 0: a 2 px and a 3 px block; row 1: a 1 px block (size 0 is shown as 1) and a clamped colour.
        GridData grid = new GridData(2, 2, true, new int[][] { { 10, 20, 30, 2, 40, 50, 60, 3 }, { 1, 2, 3, 0, 300, 0, 999, 1 } }, Map.of());
        BufferedImage image = draw(grid);
        // Columns are as wide as their widest block (2, 3), rows as tall as their tallest (3, 1).
        assertThat(image.getWidth()).isEqualTo(1 + 2 + 1 + 3 + 1);
        assertThat(image.getHeight()).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(rgb(image, 0, 0)).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 1, 1)).isEqualTo(0x0A141E);
        assertThat(rgb(image, 2, 3)).as("a block fills its whole cell, as a stretched td does").isEqualTo(0x0A141E);
        assertThat(rgb(image, 3, 1)).as("line between columns").isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 4, 1)).isEqualTo(0x28323C);
        assertThat(rgb(image, 1, 4)).as("line between rows").isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 1, 5)).isEqualTo(0x010203);
        assertThat(rgb(image, 6, 5)).as("colours clamped to 0-255").isEqualTo(0xFF00FF);
    }

    @Test
    void withoutLinesBlocksTouch() throws IOException {
        BufferedImage image = draw(GridData.filled(3, 2, false, 1, 2, 3, 4));
        assertThat(image.getWidth()).isEqualTo(12);
        assertThat(image.getHeight()).isEqualTo(8);
        assertThat(rgb(image, 0, 0)).isEqualTo(0x010203);
        assertThat(rgb(image, 11, 7)).isEqualTo(0x010203);
    }

    @Test
    void raggedRowsLeaveTheirMissingBlocksWhite() throws IOException {
        GridData grid = new GridData(2, 2, false, new int[][] { { 9, 9, 9, 2, 8, 8, 8, 2 }, { 7, 7, 7, 2 } }, Map.of());
        BufferedImage image = draw(grid);
        assertThat(rgb(image, 3, 3)).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 1, 3)).isEqualTo(0x070707);
    }

    @Test
    void hugeGridsAreScaledDownToTheirPixelBudget() {
        GridImages.Layout layout = GridImages.layout(GridData.filled(640, 480, true, 1, 2, 3, 20));
        assertThat((long) layout.width() * layout.height()).isLessThanOrEqualTo(GridImages.MAX_PIXELS);
        assertThat(layout.colW()).containsOnly(2);
        assertThat(layout.width()).as("2 px blocks lose their lines").isEqualTo(1280);

        GridImages.Layout giant = GridImages.layout(GridData.filled(2, 2, true, 1, 2, 3, Integer.MAX_VALUE));
        assertThat((long) giant.width() * giant.height()).isLessThanOrEqualTo(GridImages.MAX_PIXELS + 10_000);
        assertThat(giant.colW()[0]).isGreaterThan(500);
    }

    @Test
    void smallGridsKeepTheirNaturalSize() {
        GridImages.Layout layout = GridImages.layout(GridData.filled(50, 40, true, 1, 2, 3, 20));
        assertThat(layout.width()).isEqualTo(1 + 50 * 21);
        assertThat(layout.height()).isEqualTo(1 + 40 * 21);
        assertThat(layout.colX()[1]).isEqualTo(22);
    }
}
