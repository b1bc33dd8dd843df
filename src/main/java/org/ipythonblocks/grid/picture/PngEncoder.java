package org.ipythonblocks.grid.picture;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.ipythonblocks.grid.GridData;

/**
 * Writes a grid's {@link GridImages.Layout} as a PNG, one pixel row at a time, with no image raster in
 * memory: a 2,101 × 2,101 picture needs a few kilobytes of working space instead of 17 MB of
 * {@code BufferedImage}. Made for pictures of blocks:
 * <ul>
 * <li>an 8-bit palette when the picture has at most 256 colours (nearly every grid), else RGB;</li>
 * <li>a pixel row equal to the one above is written with PNG's "Up" filter, so it deflates to almost
 * nothing; other rows use "Sub", which turns a run of one colour into zeros.</li>
 * </ul>
 * The picture is {@code width} × {@code height}, with the grid's own box at ({@code originX},
 * {@code originY}), white under its lines, and {@code background} around it; the grid is clipped to
 * the picture.
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final int FILTER_SUB = 1;
    private static final int FILTER_UP = 2;
    private static final int BACKGROUND_ROW = -1;
    private static final int LINE_ROW = -2;

    private PngEncoder() {
    }

    static byte[] encode(GridData grid, GridImages.Layout layout, int width, int height, int originX, int originY, int background) {
        return encode(List.of(new Piece(grid, layout, originX, originY)), width, height, background);
    }

    /** One grid placed in the picture: its layout's box at ({@code originX}, {@code originY}). */
    record Piece(GridData grid, GridImages.Layout layout, int originX, int originY) {
    }

    /**
     * Several grids in one picture (the social preview: its title band, drawn in blocks, and the grid),
     * one above the other: their boxes must not share a pixel row; pieces are given top to bottom.
     */
    static byte[] encode(List<Piece> pieces, int width, int height, int background) {
        return encode(pieces, width, height, background, false);
    }

    /**
     * As {@link #encode(List, int, int, int)}; a {@code thumbnail} (a gallery tile) is deflated at the
     * best compression rather than the fastest (a tile is drawn once and sent to every visitor of the
     * gallery), and one with more than 256 colours is also drawn with a palette of 256 by
     * {@link MedianCut}: whichever of the two is smaller is kept. Photograph-like grids come out at
     * about 40 % of their RGB size; smooth gradients stay RGB, where the "Sub" filter turns them into
     * runs that deflate better than a banded palette.
     */
    static byte[] encode(List<Piece> pieces, int width, int height, int background, boolean thumbnail) {
        Colours exact = Colours.of(pieces, background);
        int level = thumbnail ? Deflater.BEST_COMPRESSION : Deflater.BEST_SPEED;
        byte[] png = encode(pieces, exact, width, height, level);
        if (!thumbnail || exact.indexed()) {
            return png;
        }
        byte[] quantized = encode(pieces, exact.quantized(), width, height, level);
        return quantized.length < png.length ? quantized : png;
    }

    private static byte[] encode(List<Piece> pieces, Colours colours, int width, int height, int level) {
        int bpp = colours.indexed() ? 1 : 3;
        int rowBytes = width * bpp;
        byte[] row = new byte[rowBytes + 1];
        byte[] filtered = new byte[rowBytes + 1];
        byte[] unchanged = new byte[rowBytes + 1];
        unchanged[0] = FILTER_UP;
        filtered[0] = FILTER_SUB;

        Idat idat = new Idat(unchanged, level);
        byte[] compressed;
        try {
            long previous = Long.MIN_VALUE;
            int repeats = 0;
            int p = 0;
            int r = 0;
            for (int y = 0; y < height; y++) {
                while (p < pieces.size() - 1 && y >= pieces.get(p).originY() + pieces.get(p).layout().height()) {
                    p++;
                    r = 0;
                }
                Piece piece = pieces.get(p);
                GridImages.Layout layout = piece.layout();
                int rows = piece.grid().rowCount();
                int gy = y - piece.originY();
                int kind;
                if (gy < 0 || gy >= layout.height()) {
                    kind = BACKGROUND_ROW;
                } else {
                    while (r < rows && gy >= layout.rowY()[r] + layout.rowH()[r]) {
                        r++;
                    }
                    kind = r < rows && gy >= layout.rowY()[r] ? r : LINE_ROW;
                }
                long key = kind == BACKGROUND_ROW ? BACKGROUND_ROW : (long) p << 32 | (kind & 0xFFFFFFFFL);
                if (key == previous) {
                    repeats++;
                    continue;
                }
                idat.unchangedRows(repeats);
                repeats = 0;
                previous = key;
                drawRow(piece, colours.blocks()[p], colours, kind, row, width, bpp);
                for (int i = 1; i <= rowBytes; i++) {
                    filtered[i] = (byte) (row[i] - (i > bpp ? row[i - bpp] : 0));
                }
                idat.row(filtered);
            }
            idat.unchangedRows(repeats);
            compressed = idat.finish();
        } finally {
            idat.end();
        }

        ByteArrayOutputStream png = new ByteArrayOutputStream(compressed.length + 1024);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample or palette index
        header[9] = (byte) (colours.indexed() ? 3 : 2); // palette or truecolour
        chunk(png, "IHDR", header);
        if (colours.indexed()) {
            chunk(png, "PLTE", colours.palette());
        }
        chunk(png, "IDAT", compressed);
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * The image data: a zlib stream of filtered rows. Runs of unchanged rows (a block row is as many
     * equal pixel rows as the block is tall) are compressed once per run length and spliced in after
     * a full flush, as pigz splices its parallel pieces, instead of being deflated again every time:
     * a 100×100 grid of 20 px blocks deflates about 200 rows rather than 2,101.
     */
    private static final class Idat {
        /** Runs shorter than this go through the deflater like any row: a splice costs a flush. */
        private static final int MIN_SPLICED_BYTES = 8192;
        private final int level;
        private final Deflater deflater;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        private final byte[] buffer = new byte[65536];
        private final byte[] unchanged;
        /** A run of unchanged rows, compressed once per length: its deflate blocks and the Adler-32 of its rows. */
        private record Splice(byte[] blocks, long adler) {
        }

        private final Map<Integer, Splice> splices = new HashMap<>();
        private long adler = 1;

        Idat(byte[] unchanged, int level) {
            this.unchanged = unchanged;
            this.level = level;
            this.deflater = new Deflater(level, true);
        }

        void row(byte[] data) {
            deflate(deflater, data, out);
            adler = Adler.combine(adler, Adler.of(data), data.length);
        }

        void unchangedRows(int count) {
            if (count == 0) {
                return;
            }
            if ((long) count * unchanged.length < MIN_SPLICED_BYTES) {
                for (int i = 0; i < count; i++) {
                    row(unchanged);
                }
                return;
            }
            drain(deflater, Deflater.FULL_FLUSH, out);
            Splice splice = splices.computeIfAbsent(count, this::compressRun);
            out.writeBytes(splice.blocks());
            adler = Adler.combine(adler, splice.adler(), (long) count * unchanged.length);
        }

        private Splice compressRun(int count) {
            Deflater run = new Deflater(level, true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            long sum = 1;
            long one = Adler.of(unchanged);
            try {
                for (int i = 0; i < count; i++) {
                    deflate(run, unchanged, bytes);
                    sum = Adler.combine(sum, one, unchanged.length);
                }
                drain(run, Deflater.FULL_FLUSH, bytes);
            } finally {
                run.end();
            }
            return new Splice(bytes.toByteArray(), sum);
        }

        /** The zlib stream: header, the deflate blocks, the Adler-32 of the rows. */
        byte[] finish() {
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            byte[] blocks = out.toByteArray();
            byte[] zlib = new byte[blocks.length + 6];
            zlib[0] = 0x78; // deflate, 32 KiB window
            zlib[1] = (byte) (level == Deflater.BEST_SPEED ? 0x01 : 0xDA); // fastest or best; header checksum
            System.arraycopy(blocks, 0, zlib, 2, blocks.length);
            putInt(zlib, zlib.length - 4, (int) adler);
            return zlib;
        }

        void end() {
            deflater.end();
        }

        private void deflate(Deflater into, byte[] data, ByteArrayOutputStream to) {
            into.setInput(data);
            while (!into.needsInput()) {
                int n = into.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
                to.write(buffer, 0, n);
            }
        }

        private void drain(Deflater from, int flush, ByteArrayOutputStream to) {
            int n;
            do {
                n = from.deflate(buffer, 0, buffer.length, flush);
                to.write(buffer, 0, n);
            } while (n == buffer.length);
        }
    }

    /** Adler-32, with zlib's {@code adler32_combine} so that the sum of a splice is computed once. */
    static final class Adler {
        private static final long BASE = 65521;

        private Adler() {
        }

        static long of(byte[] data) {
            java.util.zip.Adler32 sum = new java.util.zip.Adler32();
            sum.update(data);
            return sum.getValue();
        }

        static long combine(long first, long second, long secondLength) {
            long rem = secondLength % BASE;
            long sum1 = first & 0xFFFF;
            long sum2 = rem * sum1 % BASE;
            sum1 += (second & 0xFFFF) + BASE - 1;
            sum2 += (first >> 16 & 0xFFFF) + (second >> 16 & 0xFFFF) + BASE - rem;
            if (sum1 >= BASE) {
                sum1 -= BASE;
            }
            if (sum1 >= BASE) {
                sum1 -= BASE;
            }
            if (sum2 >= BASE << 1) {
                sum2 -= BASE << 1;
            }
            if (sum2 >= BASE) {
                sum2 -= BASE;
            }
            return sum1 | sum2 << 16;
        }
    }

    /** One pixel row (after the filter byte at index 0): background, the grid box in white, then the blocks. */
    private static void drawRow(Piece piece, int[][] blocks, Colours colours, int kind, byte[] row, int width, int bpp) {
        GridData grid = piece.grid();
        GridImages.Layout layout = piece.layout();
        int originX = piece.originX();
        fill(row, 0, width, colours.background(), bpp);
        if (kind == BACKGROUND_ROW) {
            return;
        }
        fill(row, originX, Math.min(width, originX + layout.width()), colours.white(), bpp);
        if (kind == LINE_ROW) {
            return;
        }
        for (int c = 0; c < grid.columnCount(kind); c++) {
            int from = originX + layout.colX()[c];
            fill(row, Math.max(0, from), Math.min(width, from + layout.colW()[c]), blocks[kind][c], bpp);
        }
    }

    private static void fill(byte[] row, int fromPixel, int toPixel, int colour, int bpp) {
        if (fromPixel >= toPixel) {
            return;
        }
        if (bpp == 1) {
            Arrays.fill(row, 1 + fromPixel, 1 + toPixel, (byte) colour);
            return;
        }
        byte red = (byte) (colour >> 16);
        byte green = (byte) (colour >> 8);
        byte blue = (byte) colour;
        for (int i = 1 + fromPixel * 3, end = 1 + toPixel * 3; i < end; i += 3) {
            row[i] = red;
            row[i + 1] = green;
            row[i + 2] = blue;
        }
    }

    /**
     * The picture's colours: per piece, per block either a palette index (at most 256 colours in all)
     * or the RGB value itself; {@code white} and {@code background} likewise.
     */
    private record Colours(boolean indexed, int[][][] blocks, int white, int background, byte[] palette) {

        /** With a palette when there are at most 256 colours, else RGB. */
        static Colours of(List<Piece> pieces, int background) {
            int[][][] rgb = new int[pieces.size()][][];
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = rgb(pieces.get(p).grid());
            }
            Colours indexed = indexed(rgb, background);
            return indexed != null ? indexed : new Colours(false, rgb, GridImages.WHITE, background, null);
        }

        /** RGB colours made a palette: 254 colours for the blocks ({@link MedianCut}), and white and the background exactly. */
        Colours quantized() {
            MedianCut.Mapping palette = MedianCut.of(Arrays.stream(blocks).flatMap(Arrays::stream).flatMapToInt(Arrays::stream).toArray(), 254);
            int[][][] rgb = new int[blocks.length][][];
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = new int[blocks[p].length][];
                for (int r = 0; r < rgb[p].length; r++) {
                    rgb[p][r] = new int[blocks[p][r].length];
                    for (int c = 0; c < rgb[p][r].length; c++) {
                        rgb[p][r][c] = palette.apply(blocks[p][r][c]);
                    }
                }
            }
            return indexed(rgb, background);
        }

        /** The picture with a palette, or null when it has more than 256 colours. */
        private static Colours indexed(int[][][] rgb, int background) {
            Palette palette = new Palette();
            palette.indexOf(GridImages.WHITE);
            palette.indexOf(background);
            int[][][] indexes = new int[rgb.length][][];
            for (int p = 0; p < rgb.length; p++) {
                indexes[p] = new int[rgb[p].length][];
                for (int r = 0; r < rgb[p].length; r++) {
                    indexes[p][r] = new int[rgb[p][r].length];
                    for (int c = 0; c < rgb[p][r].length; c++) {
                        int i = palette.indexOf(rgb[p][r][c]);
                        if (i < 0) {
                            return null;
                        }
                        indexes[p][r][c] = i;
                    }
                }
            }
            return new Colours(true, indexes, 0, palette.indexOf(background), palette.bytes());
        }

        private static int[][] rgb(GridData grid) {
            int[][] rgb = new int[grid.rowCount()][];
            for (int r = 0; r < rgb.length; r++) {
                rgb[r] = new int[grid.columnCount(r)];
                for (int c = 0; c < rgb[r].length; c++) {
                    rgb[r][c] = GridImages.displayRgb(grid, r, c);
                }
            }
            return rgb;
        }
    }

    /** Up to 256 colours and their indexes: an open-addressed table, no boxing (a 640×480 grid looks up 307,200 blocks). */
    private static final class Palette {
        private static final int SLOTS = 1024;
        private final int[] keys = new int[SLOTS];
        private final int[] values = new int[SLOTS];
        private final int[] colours = new int[256];
        private int size;

        Palette() {
            Arrays.fill(keys, -1);
        }

        /** The colour's index, added if new; -1 once a 257th colour is asked for. */
        int indexOf(int rgb) {
            int slot = (rgb * 0x9E3779B1) >>> 22;
            while (keys[slot] != -1) {
                if (keys[slot] == rgb) {
                    return values[slot];
                }
                slot = (slot + 1) & (SLOTS - 1);
            }
            if (size == 256) {
                return -1;
            }
            keys[slot] = rgb;
            values[slot] = size;
            colours[size] = rgb;
            return size++;
        }

        byte[] bytes() {
            byte[] out = new byte[size * 3];
            for (int i = 0; i < size; i++) {
                out[i * 3] = (byte) (colours[i] >> 16);
                out[i * 3 + 1] = (byte) (colours[i] >> 8);
                out[i * 3 + 2] = (byte) colours[i];
            }
            return out;
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        png.writeBytes(sum);
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }
}
