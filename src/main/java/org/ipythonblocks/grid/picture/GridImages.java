package org.ipythonblocks.grid.picture;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridData;

import io.quarkus.qute.TemplateData;

/**
 * Draws a grid as a picture, the way the library's HTML table looks: every column as wide as its
 * widest block, every row as tall as its tallest, white 1 px lines between and around the blocks when
 * {@code lines_on}, colours clamped to 0–255 and sizes of at least 1, exactly as
 * {@link GridTemplateExtensions} draws the table. Missing blocks of ragged legacy rows stay white, as
 * empty table cells do.
 *
 * <p>A {@link Layout} places the blocks at a scale; {@link PngEncoder} and {@link SvgWriter} draw the
 * same layout, so the PNG and the SVG of a grid agree pixel for pixel.
 *
 * <ul>
 * <li>An image has at most {@value #MAX_PIXELS} pixels. Asked for without a scale, a bigger grid is
 * scaled down to fit (blocks at least 1 px); asked for with a scale that would exceed it, the answer
 * is a 400 that names the cap and the largest scale that fits.</li>
 * <li>Scales run from {@value #MIN_SCALE} to {@value #MAX_SCALE}, in hundredths. Blocks are scaled and rounded down
 * (at least 1 px); lines are 1 px up to scale 2, then as many px as the whole part of the scale; under
 * scale 1, blocks smaller than {@value #MIN_BLOCK_WITH_LINES} px lose their lines, which would hide
 * the picture.</li>
 * </ul>
 */
public final class GridImages {

    /**
     * Grids with more blocks than this are shown on their page as the PNG instead of a table. A table
     * cell in the library's format is up to about 133 bytes of HTML ({@code Index: [99, 99]}, colour
     * {@code 255, 255, 255}), so the table stays under 1 MB; a 640×480 grid as a table would be
     * some 40 MB.
     */
    public static final int MAX_TABLE_BLOCKS = 7_500;
    /** The largest picture drawn: a 100×100 grid of the library's 20 px blocks with lines (2,101² px) fits. */
    public static final long MAX_PIXELS = 5_000_000;
    public static final double MIN_SCALE = 0.1;
    public static final double MAX_SCALE = 10;
    /** An SVG holds one element per block; past this many a grid is offered as PNG only. */
    public static final long MAX_SVG_BLOCKS = 40_000;
    public static final int PREVIEW_WIDTH = 1200;
    public static final int PREVIEW_HEIGHT = 630;
    static final int PREVIEW_MARGIN = 40;
    /** The letterbox around a preview: the light grey of the site's code blocks. */
    public static final int PREVIEW_BACKGROUND = 0xF5F5F5;
    /**
     * A gallery tile's box ({@code /tile/<id>.png}), in CSS px: what {@code .ipb-gallery img} in
     * {@code ipborg.css} is at most wide. Drawn at {@link #TILE_SCALES} (1× and 2× screens).
     */
    public static final int TILE_SIZE = 110;
    /** The scales a tile is drawn at. */
    public static final List<Integer> TILE_SCALES = List.of(1, 2);
    /** Around a tile's grid: the Clouds grey of the gallery's picture boxes ({@code .ipb-gallery img}). */
    public static final int TILE_BACKGROUND = 0xECF0F1;
    static final int MIN_BLOCK_WITH_LINES = 3;
    static final int WHITE = 0xFFFFFF;

    private GridImages() {
    }

    /** Where each column and row of blocks sits in the picture, in pixels, and how wide the lines are. */
    @TemplateData
    public record Layout(int width, int height, int line, int[] colX, int[] colW, int[] rowY, int[] rowH) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** The picture of a grid when no scale is asked for: its natural size, or scaled down to {@link #MAX_PIXELS}. */
    public static Layout layout(GridData grid) {
        Natural natural = Natural.of(grid);
        double pixels = natural.pixels(1);
        if (pixels <= MAX_PIXELS) {
            return natural.at(1);
        }
        double scale = Math.sqrt(MAX_PIXELS / pixels);
        Layout fitted = natural.at(scale);
        while (fitted.pixels() > MAX_PIXELS && scale > 1e-9) { // rounding up to 1 px per block can overshoot
            scale *= 0.9;
            fitted = natural.at(scale);
        }
        return fitted;
    }

    /** The picture at a scale asked for ({@code ?scale=}); empty means {@link #layout(GridData)}. */
    public static Layout layout(GridData grid, OptionalDouble scale) {
        if (scale.isEmpty()) {
            return layout(grid);
        }
        Natural natural = Natural.of(grid);
        double pixels = natural.pixels(scale.getAsDouble());
        if (pixels > MAX_PIXELS) {
            throw new Problem("Image too large", String.format(Locale.ROOT,
                    "At scale %s this grid would be %,.0f pixels; the cap is %,d pixels. The largest scale for this grid is %s.",
                    formatScale(scale.getAsDouble()), pixels, MAX_PIXELS, formatScale(natural.largestScale())));
        }
        return natural.at(scale.getAsDouble());
    }

    /** The grid as large as fits in {@code maxWidth} × {@code maxHeight}, scaled up or down. */
    static Layout fitted(GridData grid, int maxWidth, int maxHeight) {
        Natural natural = Natural.of(grid);
        double scale = Math.min(MAX_SCALE * 4, Math.min(maxWidth / natural.width(1), maxHeight / natural.height(1)));
        Layout layout = natural.at(scale);
        while ((layout.width() > maxWidth || layout.height() > maxHeight) && scale > 1e-9) {
            scale *= 0.97;
            layout = natural.at(scale);
        }
        return layout;
    }

    /**
     * Reads {@code ?scale=}: absent or blank means the default picture; otherwise a number from
     * {@value #MIN_SCALE} to {@value #MAX_SCALE}, or a 400 that says so.
     */
    public static OptionalDouble parseScale(String text) {
        if (text == null || text.isBlank()) {
            return OptionalDouble.empty();
        }
        double scale;
        try {
            scale = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            scale = Double.NaN;
        }
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE) || text.trim().length() > 12) {
            throw new Problem("Bad scale", "scale must be a number from " + formatScale(MIN_SCALE) + " to "
                    + formatScale(MAX_SCALE) + ", such as 2 or 0.5; got \"" + Problem.shown(text, 20) + "\".");
        }
        // Hundredths are as fine as a scale gets: 0.333 and 0.3333 are one picture and one cache entry.
        return OptionalDouble.of(Math.max(MIN_SCALE, Math.round(scale * 100) / 100.0));
    }

    /**
     * A tile's size in pixels for {@code ?scale=} as {@link #parseScale} read it: {@value #TILE_SIZE} when
     * absent, twice that at scale 2; any other scale is a 400 that says which there are.
     */
    public static int tileSize(OptionalDouble scale) {
        int times = scale.isEmpty() ? 1 : (int) scale.getAsDouble();
        if (scale.isPresent() && (times != scale.getAsDouble() || !TILE_SCALES.contains(times))) {
            throw new Problem("Bad scale", "A tile is drawn at scale 1 or 2 (for screens of 2 pixels per point); got "
                    + formatScale(scale.getAsDouble()) + ". /<id>.png?scale= draws the grid at any scale from "
                    + formatScale(MIN_SCALE) + " to " + formatScale(MAX_SCALE) + ".");
        }
        return TILE_SIZE * times;
    }

    /** A gallery tile: the grid as large as fits in a {@code size} square, on {@link #TILE_BACKGROUND} ({@link #square}). */
    public static byte[] tile(GridData grid, int size) {
        return square(grid, size, TILE_BACKGROUND, true);
    }

    /** Whether a grid is offered as SVG (see {@link #MAX_SVG_BLOCKS}). */
    public static boolean hasSvg(GridData grid) {
        return grid.blockCount() <= MAX_SVG_BLOCKS;
    }

    public static byte[] png(GridData grid) {
        return png(grid, layout(grid));
    }

    public static byte[] png(GridData grid, Layout layout) {
        return PngEncoder.encode(grid, layout, layout.width(), layout.height(), 0, 0, WHITE);
    }

    /** The preview's title band: blocks of this many px, as many rows, on Midnight Blue. */
    static final int BAND_BLOCK = 5;
    static final int BAND_ROWS = 27;
    public static final int BAND_HEIGHT = BAND_BLOCK * BAND_ROWS;
    public static final int BAND_BACKGROUND = 0x2C3E50;
    /** The site's name in Turquoise, the grid's title in Clouds (Flat UI, as the site's own grids). */
    public static final int BAND_SITE = 0x1ABC9C;
    public static final int BAND_TITLE = 0xECF0F1;
    static final String SITE_NAME = "ipythonblocks.org";

    /**
     * The social preview: {@value #PREVIEW_WIDTH}×{@value #PREVIEW_HEIGHT}, a title band on top
     * (the site's name and the grid's title, drawn in blocks with {@link BlockFont}), and below it
     * the grid, centred and letterboxed.
     */
    public static byte[] preview(GridData grid, String title) {
        GridData band = titleBand(title);
        int below = PREVIEW_HEIGHT - BAND_HEIGHT;
        Layout layout = fitted(grid, PREVIEW_WIDTH - 2 * PREVIEW_MARGIN, below - 2 * PREVIEW_MARGIN);
        return PngEncoder.encode(List.of(new PngEncoder.Piece(band, layout(band), 0, 0),
                new PngEncoder.Piece(grid, layout, (PREVIEW_WIDTH - layout.width()) / 2, BAND_HEIGHT + (below - layout.height()) / 2)),
                PREVIEW_WIDTH, PREVIEW_HEIGHT, PREVIEW_BACKGROUND);
    }

    /** Two lines of text in blocks: the site's name, then the title (smaller, then cut with "...", when long). */
    static GridData titleBand(String title) {
        int columns = PREVIEW_WIDTH / BAND_BLOCK;
        int margin = PREVIEW_MARGIN / BAND_BLOCK;
        int[][] canvas = new int[BAND_ROWS][columns];
        for (int[] row : canvas) {
            Arrays.fill(row, BAND_BACKGROUND);
        }
        BlockFont.draw(canvas, SITE_NAME, 2, margin, 2, BAND_SITE);
        int room = columns - 2 * margin;
        if (BlockFont.width(title, 2) <= room) {
            BlockFont.draw(canvas, title, 15, margin, 2, BAND_TITLE);
        } else {
            int fits = (room + 1) / BlockFont.ADVANCE;
            String shown = title.length() <= fits ? title : title.substring(0, fits - 3) + "...";
            BlockFont.draw(canvas, shown, 18, margin, 1, BAND_TITLE);
        }
        return BlockFont.grid(canvas, BAND_BLOCK);
    }

    /**
     * The grid as large as fits in a {@code size} × {@code size} square, centred on {@code background}
     * (the gallery's tiles, the site's icons). A grid with more blocks across or down than the square has
     * pixels is {@link #shrunk} first.
     */
    public static byte[] square(GridData grid, int size, int background) {
        return square(grid, size, background, false);
    }

    private static byte[] square(GridData grid, int size, int background, boolean thumbnail) {
        GridData drawn = grid.maxColumnCount() > size || grid.rowCount() > size ? shrunk(grid, size, size) : grid;
        Layout layout = fitted(drawn, size, size);
        return PngEncoder.encode(List.of(new PngEncoder.Piece(drawn, layout, (size - layout.width()) / 2, (size - layout.height()) / 2)),
                size, size, background, thumbnail);
    }

    /**
     * A grid too big to show at 1 px a block, made small enough to fit {@code maxWidth} × {@code maxHeight}:
     * a grid of 1 px blocks without lines (which would be under a pixel), its shape kept, each block taking
     * the colour of the block under its centre in the original (nearest neighbour: exact colours, cheap,
     * right for block art). Missing blocks of ragged rows stay white, as everywhere.
     */
    static GridData shrunk(GridData grid, int maxWidth, int maxHeight) {
        Natural natural = Natural.of(grid);
        long[] colEnds = ends(natural.colSize());
        long[] rowEnds = ends(natural.rowSize());
        double across = colEnds.length == 0 ? 1 : colEnds[colEnds.length - 1];
        double down = rowEnds.length == 0 ? 1 : rowEnds[rowEnds.length - 1];
        double scale = Math.min(maxWidth / across, maxHeight / down);
        int width = (int) Math.max(1, Math.min(maxWidth, Math.round(across * scale)));
        int height = (int) Math.max(1, Math.min(maxHeight, Math.round(down * scale)));
        int[] cols = new int[width];
        for (int x = 0; x < width; x++) {
            cols[x] = under(colEnds, (x + 0.5) * across / width);
        }
        int[][] canvas = new int[height][width];
        for (int y = 0; y < height; y++) {
            int r = under(rowEnds, (y + 0.5) * down / height);
            for (int x = 0; x < width; x++) {
                canvas[y][x] = r < grid.rowCount() && cols[x] < grid.columnCount(r) ? displayRgb(grid, r, cols[x]) : WHITE;
            }
        }
        return BlockFont.grid(canvas, 1);
    }

    /** Where each block ends, blocks laid side by side without lines. */
    private static long[] ends(long[] sizes) {
        long[] ends = new long[sizes.length];
        long at = 0;
        for (int i = 0; i < sizes.length; i++) {
            at += sizes[i];
            ends[i] = at;
        }
        return ends;
    }

    /** The block whose span holds {@code position}: the first whose end lies beyond it. */
    private static int under(long[] ends, double position) {
        int low = 0;
        int high = ends.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ends[mid] > position) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return Math.max(0, low);
    }

    public static byte[] svg(GridData grid, Layout layout, String title) {
        if (!hasSvg(grid)) {
            throw new Problem("Too many blocks for SVG", String.format(Locale.ROOT,
                    "SVG is drawn for grids of up to %,d blocks; this grid has %,d. Its PNG shows it.", MAX_SVG_BLOCKS,
                    grid.blockCount()));
        }
        return SvgWriter.write(grid, layout, title);
    }

    /** A colour as the library shows it: clamped to 0–255. */
    public static int displayColour(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** A block's colour as 0xRRGGBB, clamped as the library shows it. */
    static int displayRgb(GridData grid, int row, int col) {
        return displayColour(grid.red(row, col)) << 16 | displayColour(grid.green(row, col)) << 8 | displayColour(grid.blue(row, col));
    }

    /** A block size as the library shows it: at least 1 px. */
    public static int displaySize(int value) {
        return Math.max(1, value);
    }

    public static String formatScale(double scale) {
        String text = String.format(Locale.ROOT, "%.2f", Math.floor(scale * 100) / 100);
        return text.replaceAll("\\.?0+$", "");
    }

    /** The grid's column widths and row heights at scale 1. */
    private record Natural(long[] colSize, long[] rowSize, boolean linesOn) {

        static Natural of(GridData grid) {
            int rows = grid.rowCount();
            long[] colSize = new long[grid.maxColumnCount()];
            long[] rowSize = new long[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < grid.columnCount(r); c++) {
                    long size = displaySize(grid.size(r, c));
                    colSize[c] = Math.max(colSize[c], size);
                    rowSize[r] = Math.max(rowSize[r], size);
                }
            }
            return new Natural(colSize, rowSize, grid.linesOn());
        }

        static int lineAt(double scale) {
            return scale >= 2 ? (int) Math.floor(scale) : 1;
        }

        double width(double scale) {
            return extent(colSize, scale);
        }

        double height(double scale) {
            return extent(rowSize, scale);
        }

        private double extent(long[] sizes, double scale) {
            double total = linesOn ? (double) lineAt(scale) * (sizes.length + 1) : 0;
            for (long size : sizes) {
                total += Math.max(1, Math.floor(size * scale));
            }
            return Math.max(1, total);
        }

        double pixels(double scale) {
            return width(scale) * height(scale);
        }

        /** The largest scale (in hundredths) whose picture stays within {@link #MAX_PIXELS}. */
        double largestScale() {
            double low = 0;
            double high = MAX_SCALE;
            for (int i = 0; i < 40; i++) {
                double mid = (low + high) / 2;
                if (pixels(mid) <= MAX_PIXELS) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            return Math.floor(low * 100) / 100;
        }

        Layout at(double scale) {
            int[] colW = scaled(colSize, scale);
            int[] rowH = scaled(rowSize, scale);
            int line = linesOn ? lineAt(scale) : 0;
            if (scale < 1 && Math.min(min(colW), min(rowH)) < MIN_BLOCK_WITH_LINES) {
                line = 0;
            }
            int[] colX = new int[colW.length];
            int[] rowY = new int[rowH.length];
            int width = place(colW, colX, line);
            int height = place(rowH, rowY, line);
            return new Layout(Math.max(1, width), Math.max(1, height), line, colX, colW, rowY, rowH);
        }

        private static int[] scaled(long[] sizes, double scale) {
            int[] out = new int[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                out[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, (long) Math.floor(sizes[i] * scale)));
            }
            return out;
        }

        /** Lays sizes out one after another with {@code line} px before, between and after them; answers the total. */
        private static int place(int[] sizes, int[] starts, int line) {
            long at = line;
            for (int i = 0; i < sizes.length; i++) {
                starts[i] = (int) Math.min(at, Integer.MAX_VALUE / 2);
                at += sizes[i] + line;
            }
            return (int) Math.min(at, Integer.MAX_VALUE / 2);
        }

        private static int min(int[] values) {
            return Arrays.stream(values).min().orElse(MIN_BLOCK_WITH_LINES);
        }
    }
}
