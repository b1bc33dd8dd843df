package org.ipythonblocks.grid;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

import io.quarkus.qute.TemplateData;

/**
 * Draws a grid as a PNG, the way the library's HTML table looks: every column as wide as its widest
 * block, every row as tall as its tallest, white 1 px lines between and around the blocks when
 * {@code lines_on}, colours clamped to 0–255 and sizes of at least 1, exactly as {@link GridTemplateExtensions}
 * draws the table. Missing blocks of ragged legacy rows stay white, as empty table cells do.
 *
 * <p>An image never exceeds about {@value #MAX_PIXELS} pixels: a bigger grid has its block sizes
 * scaled down together (each at least 1 px), and loses its lines once blocks are under
 * {@value #MIN_BLOCK_WITH_LINES} px, where lines would hide the picture. Pure AWT on an in-memory
 * raster, so it runs headless.
 */
public final class GridImages {

    /**
     * Grids with more blocks than this are shown on their page as the PNG instead of a table. A table
     * cell in the library's format is up to about 133 bytes of HTML ({@code Index: [99, 99]}, colour
     * {@code 255, 255, 255}), so the table stays under 1 MB; a 640×480 grid as a table would be
     * some 40 MB.
     */
    public static final int MAX_TABLE_BLOCKS = 7_500;
    static final long MAX_PIXELS = 2_000_000;
    static final int MIN_BLOCK_WITH_LINES = 3;
    private static final int WHITE = 0xFFFFFF;

    private GridImages() {
    }

    /** Where each column and row of blocks sits in the image, in pixels. */
    @TemplateData
    public record Layout(int width, int height, int[] colX, int[] colW, int[] rowY, int[] rowH) {
    }

    public static Layout layout(GridData grid) {
        int rows = grid.rowCount();
        int cols = grid.maxColumnCount();
        long[] colSize = new long[cols];
        long[] rowSize = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < grid.columnCount(r); c++) {
                long size = displaySize(grid.size(r, c));
                colSize[c] = Math.max(colSize[c], size);
                rowSize[r] = Math.max(rowSize[r], size);
            }
        }
        int line = grid.linesOn() ? 1 : 0;
        double naturalPixels = (double) (sum(colSize) + line * (cols + 1L)) * (sum(rowSize) + line * (rows + 1L));
        double scale = naturalPixels > MAX_PIXELS ? Math.sqrt(MAX_PIXELS / naturalPixels) : 1;
        int[] colW = scaled(colSize, scale);
        int[] rowH = scaled(rowSize, scale);
        if (scale < 1 && Math.min(min(colW), min(rowH)) < MIN_BLOCK_WITH_LINES) {
            line = 0;
        }
        int[] colX = new int[cols];
        int[] rowY = new int[rows];
        int width = place(colW, colX, line);
        int height = place(rowH, rowY, line);
        return new Layout(Math.max(1, width), Math.max(1, height), colX, colW, rowY, rowH);
    }

    public static byte[] png(GridData grid) {
        Layout layout = layout(grid);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Arrays.fill(pixels, WHITE);
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(r); c++) {
                int rgb = displayColour(grid.red(r, c)) << 16 | displayColour(grid.green(r, c)) << 8
                        | displayColour(grid.blue(r, c));
                int x = layout.colX()[c];
                for (int y = layout.rowY()[r]; y < layout.rowY()[r] + layout.rowH()[r]; y++) {
                    Arrays.fill(pixels, y * layout.width() + x, y * layout.width() + x + layout.colW()[c], rgb);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A colour as the library shows it: clamped to 0–255. */
    static int displayColour(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** A block size as the library shows it: at least 1 px. */
    static int displaySize(int value) {
        return Math.max(1, value);
    }

    /** Lays sizes out one after another with {@code line} px before, between and after them; answers the total. */
    private static int place(int[] sizes, int[] starts, int line) {
        long at = line;
        for (int i = 0; i < sizes.length; i++) {
            starts[i] = (int) at;
            at += sizes[i] + line;
        }
        return (int) Math.min(at, Integer.MAX_VALUE);
    }

    private static int[] scaled(long[] sizes, double scale) {
        int[] out = new int[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) Math.floor(sizes[i] * scale)));
        }
        return out;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static int min(int[] values) {
        return Arrays.stream(values).min().orElse(MIN_BLOCK_WITH_LINES);
    }
}
