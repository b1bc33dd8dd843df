package org.ipythonblocks.grid.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GridImagesTest {

    /** Row 0: a 2 px and a 3 px block; row 1: a 1 px block (size 0 is shown as 1) and a clamped colour. */
    static final GridData SMALL = new GridData(2, 2, true, new int[][] { { 10, 20, 30, 2, 40, 50, 60, 3 }, { 1, 2, 3, 0, 300, 0, 999, 1 } }, Map.of());

    static BufferedImage draw(GridData grid) throws IOException {
        return read(GridImages.png(grid));
    }

    static BufferedImage read(byte[] png) throws IOException {
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void blocksHaveTheirOwnSizesAndWhiteLinesAsInTheTable() throws IOException {
        BufferedImage image = draw(SMALL);
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
        assertThat(rgb(image, 7, 6)).as("the outer line").isEqualTo(0xFFFFFF);
    }

    @Test
    void everyPixelOfAGridWithMoreThan256ColoursIsRight() throws IOException {
        // 20x20 blocks of 3 px, all different colours: drawn in RGB rather than with a palette.
        int n = 20;
        int[][] blocks = new int[n][n * 4];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                blocks[r][c * 4] = r * 12;
                blocks[r][c * 4 + 1] = c * 12;
                blocks[r][c * 4 + 2] = (r * n + c) % 256;
                blocks[r][c * 4 + 3] = 3;
            }
        }
        GridData grid = new GridData(n, n, true, blocks, Map.of());
        BufferedImage image = draw(grid);
        assertThat(image.getWidth()).isEqualTo(1 + n * 4);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int expected = x % 4 == 0 || y % 4 == 0 ? 0xFFFFFF
                        : (y / 4 * 12) << 16 | (x / 4 * 12) << 8 | (y / 4 * n + x / 4) % 256;
                assertThat(rgb(image, x, y)).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
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
    void aScaleMakesBlocksAndLinesBigger() throws IOException {
        GridData grid = GridData.filled(2, 1, true, 200, 0, 0, 5);
        BufferedImage image = read(GridImages.png(grid, GridImages.layout(grid, OptionalDouble.of(3))));
        // 3 px lines and 15 px blocks: 3 + 15 + 3 + 15 + 3.
        assertThat(image.getWidth()).isEqualTo(39);
        assertThat(image.getHeight()).isEqualTo(21);
        assertThat(rgb(image, 2, 2)).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 3, 3)).isEqualTo(0xC80000);
        assertThat(rgb(image, 17, 17)).isEqualTo(0xC80000);
        assertThat(rgb(image, 18, 10)).as("the line between the blocks").isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 20, 10)).isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 21, 10)).isEqualTo(0xC80000);

        BufferedImage half = read(GridImages.png(grid, GridImages.layout(grid, OptionalDouble.of(0.5))));
        assertThat(half.getWidth()).as("2 px blocks lose their lines").isEqualTo(4);
    }

    @Test
    void aScaleOutsideItsBoundsOrNotANumberIsRefusedWithTheBounds() {
        assertThat(GridImages.parseScale(null)).isEmpty();
        assertThat(GridImages.parseScale("")).isEmpty();
        assertThat(GridImages.parseScale("2")).hasValue(2);
        assertThat(GridImages.parseScale("0.5")).hasValue(0.5);
        assertThat(GridImages.parseScale("0.33333")).as("rounded to hundredths").hasValue(0.33);
        for (String bad : new String[] { "0", "-1", "11", "NaN", "Infinity", "two", "1e400", "0x10", "2;drop" }) {
            assertThatThrownBy(() -> GridImages.parseScale(bad)).as(bad).isInstanceOf(Problem.class)
                    .hasMessageContaining("scale must be a number from 0.1 to 10");
        }
    }

    @Test
    void aScaleOverThePixelCapIsRefusedNamingTheCapAndTheLargestScale() {
        GridData grid = GridData.filled(100, 100, true, 1, 2, 3, 20); // 2,101 x 2,101 px at scale 1
        assertThat(GridImages.layout(grid, OptionalDouble.of(1)).pixels()).isEqualTo(2101L * 2101);
        assertThatThrownBy(() -> GridImages.layout(grid, OptionalDouble.of(2)))
                .isInstanceOf(Problem.class)
                .hasMessageContaining("17,656,804 pixels")
                .hasMessageContaining("the cap is 5,000,000 pixels")
                .hasMessageContaining("The largest scale for this grid is 1.09");
        assertThat(GridImages.layout(grid, OptionalDouble.of(1.09)).pixels()).isLessThanOrEqualTo(GridImages.MAX_PIXELS);
        assertThatThrownBy(() -> GridImages.layout(grid, OptionalDouble.of(1.1))).isInstanceOf(Problem.class);
    }

    @Test
    void hugeGridsAskedForWithoutAScaleAreScaledDownToTheCap() {
        GridImages.Layout layout = GridImages.layout(GridData.filled(640, 480, true, 1, 2, 3, 20));
        assertThat(layout.pixels()).isLessThanOrEqualTo(GridImages.MAX_PIXELS);
        assertThat(layout.colW()).containsOnly(3);
        assertThat(layout.width()).as("3 px blocks keep their lines").isEqualTo(1 + 640 * 4);

        GridImages.Layout giant = GridImages.layout(GridData.filled(2, 2, true, 1, 2, 3, Integer.MAX_VALUE));
        assertThat(giant.pixels()).isLessThanOrEqualTo(GridImages.MAX_PIXELS);
        assertThat(giant.colW()[0]).isGreaterThan(500);
    }

    @Test
    void smallGridsKeepTheirNaturalSize() {
        GridImages.Layout layout = GridImages.layout(GridData.filled(50, 40, true, 1, 2, 3, 20));
        assertThat(layout.width()).isEqualTo(1 + 50 * 21);
        assertThat(layout.height()).isEqualTo(1 + 40 * 21);
        assertThat(layout.colX()[1]).isEqualTo(22);
    }

    @Test
    void theSvgDrawsTheSameRectanglesAsThePng() throws Exception {
        byte[] svg = GridImages.svg(SMALL, GridImages.layout(SMALL), "a <2> & \"grid\"");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI() == null ? root.getTagName() : root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("width")).isEqualTo("8");
        assertThat(root.getAttribute("height")).isEqualTo("7");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 8 7");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("a <2> & \"grid\"");
        assertThat(rects(doc)).containsExactly(
                "0,0 8x7 #ffffff", // the canvas: the lines
                "1,1 2x3 #0a141e", "4,1 3x3 #28323c",
                "1,5 2x1 #010203", "4,5 3x1 #ff00ff");
    }

    @Test
    void withoutLinesTheSvgMergesNeighboursOfOneColourAndLeavesWhiteToTheCanvas() throws Exception {
        GridData grid = new GridData(4, 1, false, new int[][] { { 5, 5, 5, 2, 5, 5, 5, 2, 255, 255, 255, 2, 5, 5, 5, 2 } }, Map.of());
        byte[] svg = GridImages.svg(grid, GridImages.layout(grid), "t");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(rects(doc)).containsExactly("0,0 8x2 #ffffff", "0,0 4x2 #050505", "6,0 2x2 #050505");
    }

    @Test
    void gridsWithTooManyBlocksGetNoSvg() {
        GridData grid = GridData.filled(640, 480, false, 1, 2, 3, 1);
        assertThat(GridImages.hasSvg(grid)).isFalse();
        assertThatThrownBy(() -> GridImages.svg(grid, GridImages.layout(grid), "t")).isInstanceOf(Problem.class)
                .hasMessageContaining("up to 40,000 blocks; this grid has 307,200");
        assertThat(GridImages.hasSvg(GridData.filled(200, 200, true, 1, 2, 3, 1))).isTrue();
    }

    @Test
    void thePreviewIs1200By630WithATitleBandAndTheGridCentredAndLetterboxedBelowIt() throws IOException {
        GridData grid = GridData.filled(4, 2, true, 0, 128, 0, 20); // wider than tall: fills the height
        BufferedImage image = read(GridImages.preview(grid, "BlockGrid bizkiL"));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(630);
        int band = GridImages.BAND_HEIGHT;
        int middle = band + (630 - band) / 2;
        assertThat(rgb(image, 0, 0)).as("the band").isEqualTo(GridImages.BAND_BACKGROUND);
        assertThat(rgb(image, 1199, band - 1)).isEqualTo(GridImages.BAND_BACKGROUND);
        assertThat(rgb(image, 0, band)).as("letterbox").isEqualTo(GridImages.PREVIEW_BACKGROUND);
        assertThat(rgb(image, 600, middle)).as("the middle is the white line between the rows").isEqualTo(0xFFFFFF);
        assertThat(rgb(image, 620, middle - 60)).isEqualTo(0x008000);
        assertThat(rgb(image, 1199, 629)).isEqualTo(GridImages.PREVIEW_BACKGROUND);
        // The grid's box is centred: as much letterbox on the left as on the right.
        int left = 0;
        while (rgb(image, left, middle) == GridImages.PREVIEW_BACKGROUND) {
            left++;
        }
        int right = 0;
        while (rgb(image, 1199 - right, middle) == GridImages.PREVIEW_BACKGROUND) {
            right++;
        }
        assertThat(Math.abs(left - right)).isLessThanOrEqualTo(1);
        assertThat(left).isGreaterThanOrEqualTo(40);
        // The band's text: the site's name in the first line, the title in the second, in their colours.
        assertThat(colours(image, 0, 75)).contains(GridImages.BAND_SITE).doesNotContain(GridImages.BAND_TITLE);
        assertThat(colours(image, 75, band)).contains(GridImages.BAND_TITLE).doesNotContain(GridImages.BAND_SITE);
    }

    @Test
    void theTitleBandDrawsTheTextInBlocksAndCutsALongTitle() {
        GridData band = GridImages.titleBand("BlockGrid bizkiL");
        assertThat(band.maxColumnCount()).isEqualTo(240);
        assertThat(band.rowCount()).isEqualTo(27);
        // "i" of "ipythonblocks.org" at scale 2 from column 8, row 2: its dot is set, the row under it is not.
        assertThat(band.red(2, 10) << 16 | band.green(2, 10) << 8 | band.blue(2, 10)).isEqualTo(GridImages.BAND_SITE);
        assertThat(band.red(4, 10) << 16 | band.green(4, 10) << 8 | band.blue(4, 10)).isEqualTo(GridImages.BAND_BACKGROUND);
        GridData longer = GridImages.titleBand("ImageGrid " + "x".repeat(80));
        assertThat(longer.maxColumnCount()).isEqualTo(240);
        int lastTitleColumn = 0;
        for (int r = 15; r < 27; r++) {
            for (int c = 0; c < 240; c++) {
                if ((longer.red(r, c) << 16 | longer.green(r, c) << 8 | longer.blue(r, c)) == GridImages.BAND_TITLE) {
                    lastTitleColumn = Math.max(lastTitleColumn, c);
                }
            }
        }
        assertThat(lastTitleColumn).as("cut to fit inside the margins").isBetween(200, 231);
    }

    private static java.util.Set<Integer> colours(BufferedImage image, int fromY, int toY) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(rgb(image, x, y));
            }
        }
        return seen;
    }

    @Test
    void theImageDataIsAValidZlibStreamWithItsChecksumEvenWhereRunsOfRowsAreSpliced() throws Exception {
        // 20 px blocks at scale 3: runs of 59 equal rows, compressed once and spliced in.
        GridData grid = GridData.filled(7, 5, true, 1, 2, 3, 20);
        GridImages.Layout layout = GridImages.layout(grid, OptionalDouble.of(3));
        byte[] png = GridImages.png(grid, layout);
        java.io.DataInputStream in = new java.io.DataInputStream(new ByteArrayInputStream(png, 8, png.length - 8));
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        List<String> chunks = new ArrayList<>();
        while (in.available() > 0) {
            byte[] data = new byte[in.readInt()];
            String type = new String(in.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII);
            in.readFully(data);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            crc.update(data);
            assertThat(in.readInt()).as(type + " CRC").isEqualTo((int) crc.getValue());
            chunks.add(type);
            if (type.equals("IDAT")) {
                idat.write(data);
            }
        }
        assertThat(chunks).containsExactly("IHDR", "PLTE", "IDAT", "IEND");
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] rows = new byte[layout.height() * (layout.width() + 1) + 10];
        int n = inflater.inflate(rows); // throws DataFormatException on a wrong Adler-32
        assertThat(inflater.finished()).isTrue();
        assertThat(n).isEqualTo(layout.height() * (layout.width() + 1));
        inflater.end();
        BufferedImage image = read(png);
        assertThat(rgb(image, layout.width() - 4, layout.height() - 4)).isEqualTo(0x010203);
    }

    private static List<String> rects(Document doc) {
        NodeList nodes = doc.getElementsByTagName("rect");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String x = e.getAttribute("x").isEmpty() ? "0" : e.getAttribute("x");
            String y = e.getAttribute("y").isEmpty() ? "0" : e.getAttribute("y");
            out.add(x + "," + y + " " + e.getAttribute("width") + "x" + e.getAttribute("height") + " " + e.getAttribute("fill"));
        }
        return out;
    }
    /** A grid of 1 px blocks whose colour names its place: red the column's low byte, green the row's, blue the high bits of both. */
    static GridData numbered(int width, int height) {
        int[][] rows = new int[height][width * 4];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                rows[r][c * 4] = c & 0xFF;
                rows[r][c * 4 + 1] = r & 0xFF;
                rows[r][c * 4 + 2] = (c >> 8) << 4 | r >> 8;
                rows[r][c * 4 + 3] = 1;
            }
        }
        return new GridData(width, height, false, rows, Map.of());
    }

    /**
     * A grid of 1 px blocks of 225 colours whose colour tells its place to within 15 blocks: red the
     * column modulo 15, green the row modulo 15 (so a pixel one block off is another colour).
     */
    static GridData cycled(int width, int height) {
        int[][] rows = new int[height][width * 4];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                rows[r][c * 4] = c % 15 * 17;
                rows[r][c * 4 + 1] = r % 15 * 17;
                rows[r][c * 4 + 2] = 0x40;
                rows[r][c * 4 + 3] = 1;
            }
        }
        return new GridData(width, height, false, rows, Map.of());
    }

    /** As gallery-weight.sh posts it: every block its own pseudo-random red and green, as a photograph's pixels; blue a slow ramp. */
    static GridData noisy(int width, int height) {
        int[][] rows = new int[height][width * 4];
        long seed = 1;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                seed = (seed * 1103515245L + 12345) & 0x7FFFFFFFL;
                rows[r][c * 4] = (int) (seed >> 7 & 255);
                rows[r][c * 4 + 1] = (int) (seed >> 15 & 255);
                rows[r][c * 4 + 2] = (r + c) & 255;
                rows[r][c * 4 + 3] = 1;
            }
        }
        return new GridData(width, height, false, rows, Map.of());
    }

    /** The PNG's colour type (IHDR): 3 a palette, 2 RGB. */
    static int colourType(byte[] png) {
        return png[25];
    }

    @Test
    void aTileOfABigGridIsSquareKeepsTheShapeAndEachPixelIsTheBlockUnderIt() throws IOException {
        GridData grid = cycled(640, 480);
        for (int size : new int[] { GridImages.TILE_SIZE, 2 * GridImages.TILE_SIZE }) {
            byte[] png = GridImages.tile(grid, size);
            assertThat(colourType(png)).as("225 colours, the grey and white: a palette, every colour exact").isEqualTo(3);
            BufferedImage tile = read(png);
            assertThat(tile.getWidth()).isEqualTo(size);
            assertThat(tile.getHeight()).isEqualTo(size);
            int height = (int) Math.round(480.0 * size / 640); // 4:3 kept: 110 × 83, 220 × 165
            int top = (size - height) / 2;
            assertThat(rgb(tile, 0, top - 1)).as("above the grid: the gallery's grey").isEqualTo(GridImages.TILE_BACKGROUND);
            assertThat(rgb(tile, size - 1, top + height)).as("below it").isEqualTo(GridImages.TILE_BACKGROUND);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < size; x++) {
                    int col = (int) ((x + 0.5) * 640 / size);
                    int row = (int) ((y + 0.5) * 480 / height);
                    int expected = col % 15 * 17 << 16 | row % 15 * 17 << 8 | 0x40;
                    assertThat(rgb(tile, x, top + y)).as("pixel %d,%d of the %d px tile", x, y, size).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * The budget: 24 tiles of such grids and the rest of /recent (HTML, CSS, icons: under 40 KB) within
     * the 1 MB a phone at 2 or 3 device px per CSS px downloads for the page, so 40,000 bytes a tile at
     * scale 2 (10,000 at scale 1, a quarter of the pixels). As lossless RGB such a tile is about 90 KB.
     */
    @Test
    void aPhotographLikeTileHasAPaletteOfCloseColoursAndStaysWithinItsShareOfAOneMegabytePage() throws IOException {
        GridData grid = noisy(640, 480);
        for (int size : new int[] { GridImages.TILE_SIZE, 2 * GridImages.TILE_SIZE }) {
            byte[] png = GridImages.tile(grid, size);
            assertThat(png.length).as("bytes of the %d px tile", size).isLessThan(size == GridImages.TILE_SIZE ? 10_000 : 40_000);
            assertThat(colourType(png)).as("thousands of colours made 256").isEqualTo(3);
            BufferedImage tile = read(png);
            assertThat(tile.getWidth()).isEqualTo(size);
            assertThat(tile.getHeight()).isEqualTo(size);
            int height = (int) Math.round(480.0 * size / 640);
            int top = (size - height) / 2;
            assertThat(rgb(tile, 0, top - 1)).as("the grey around the grid stays exact").isEqualTo(GridImages.TILE_BACKGROUND);
            long error = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < size; x++) {
                    int col = (int) ((x + 0.5) * 640 / size);
                    int row = (int) ((y + 0.5) * 480 / height);
                    int[] block = grid.blocks()[row];
                    int shown = rgb(tile, x, top + y);
                    int[] difference = { (shown >> 16) - block[col * 4], (shown >> 8 & 0xFF) - block[col * 4 + 1], (shown & 0xFF) - block[col * 4 + 2] };
                    for (int d : difference) {
                        assertThat(Math.abs(d)).as("pixel %d,%d of the %d px tile: close to the block under it", x, y, size).isLessThanOrEqualTo(48);
                        error += Math.abs(d);
                    }
                }
            }
            assertThat(error / (3.0 * size * height)).as("mean error per channel").isLessThan(12);
        }
        byte[] picture = GridImages.png(grid);
        assertThat(colourType(picture)).as("the grid's own picture keeps every colour").isEqualTo(2);
        BufferedImage full = read(picture);
        assertThat(rgb(full, 639, 479)).isEqualTo(grid.blocks()[479][639 * 4] << 16 | grid.blocks()[479][639 * 4 + 1] << 8 | grid.blocks()[479][639 * 4 + 2]);
    }

    @Test
    void aTileOfASmallGridIsTheGridDrawnAsLargeAsFitsWithItsLines() throws IOException {
        GridData grid = GridData.filled(10, 5, true, 200, 0, 0, 20); // 211 × 106 px with lines
        BufferedImage tile = read(GridImages.tile(grid, GridImages.TILE_SIZE));
        assertThat(tile.getWidth()).isEqualTo(GridImages.TILE_SIZE);
        // at scale 110/211 blocks are 10 px with 1 px lines: 10 × 10 + 11 = 111 > 110, so 9 px: 101 × 51
        int left = (110 - 101) / 2;
        int top = (110 - 51) / 2;
        assertThat(rgb(tile, left, top)).as("the outer line").isEqualTo(0xFFFFFF);
        assertThat(rgb(tile, left + 1, top + 1)).isEqualTo(0xC80000);
        assertThat(rgb(tile, left + 10, top + 5)).as("line between columns").isEqualTo(0xFFFFFF);
        assertThat(rgb(tile, left - 1, top)).isEqualTo(GridImages.TILE_BACKGROUND);
    }

    @Test
    void aTileOfARaggedOrOneRowGridKeepsItsMissingBlocksWhite() throws IOException {
        GridData ragged = new GridData(300, 2, false, new int[][] { numbered(300, 1).blocks()[0], { 9, 9, 9, 1, 9, 9, 9, 1, 9, 9, 9, 1 } }, Map.of());
        GridData shrunk = GridImages.shrunk(ragged, 110, 110);
        assertThat(shrunk.maxColumnCount()).isEqualTo(110);
        assertThat(shrunk.rowCount()).as("2 rows of 1 px over 300 px, at 110/300: 1 px").isEqualTo(1);
        BufferedImage tile = read(GridImages.tile(ragged, 110));
        assertThat(tile.getHeight()).isEqualTo(110);
        assertThat(rgb(tile, 0, 54)).as("the one pixel row is the second row's, under its centre").isEqualTo(0x090909);
        assertThat(rgb(tile, 50, 54)).as("past the short row's end").isEqualTo(0xFFFFFF);
        assertThat(rgb(tile, 50, 53)).isEqualTo(GridImages.TILE_BACKGROUND);
    }

    @Test
    void aTileIsDrawnAtScale1Or2Only() {
        assertThat(GridImages.tileSize(OptionalDouble.empty())).isEqualTo(GridImages.TILE_SIZE);
        assertThat(GridImages.tileSize(OptionalDouble.of(1))).isEqualTo(GridImages.TILE_SIZE);
        assertThat(GridImages.tileSize(OptionalDouble.of(2))).isEqualTo(2 * GridImages.TILE_SIZE);
        for (double scale : new double[] { 0.5, 1.5, 3, 10 }) {
            assertThatThrownBy(() -> GridImages.tileSize(OptionalDouble.of(scale))).isInstanceOf(Problem.class)
                    .hasMessageContaining("A tile is drawn at scale 1 or 2");
        }
    }
}
