package org.ipythonblocks.grid.picture;

import java.util.Arrays;

/**
 * A palette of at most {@code n} colours for a picture with more, by median cut (Heckbert): the
 * picture's colours start as one box; the box with the most pixels times its widest channel's spread
 * is cut in two at its weighted median along that channel, until there are {@code n} boxes or no box
 * has two colours; each box becomes the mean of its pixels. No dithering: a tile is small, and a
 * dither's noise would cost bytes. Deterministic, so a tile's bytes (and its ETag) are the same on
 * every dyno.
 *
 * <p>Only gallery tiles are drawn with it ({@link GridImages#tile}); a grid's own PNG and SVG keep
 * its exact colours.
 */
final class MedianCut {

    /** Each distinct colour once, as {@code rgb << 32 | pixels}, grouped by box. */
    private final long[] colours;
    private final int[] boxStart;
    private final int[] boxEnd;
    /** Per box: its pixels times its widest spread (0 when it has one colour), and that channel. */
    private final long[] boxScore;
    private final int[] boxChannel;
    private int boxes;

    private MedianCut(long[] colours, int n) {
        this.colours = colours;
        this.boxStart = new int[n];
        this.boxEnd = new int[n];
        this.boxScore = new long[n];
        this.boxChannel = new int[n];
        boxStart[0] = 0;
        boxEnd[0] = colours.length;
        boxes = 1;
        measure(0);
    }

    /**
     * The palette for {@code rgb} (each pixel's 0xRRGGBB, repeated as often as it is drawn; or
     * weighted otherwise by the caller), as a map from each of its colours to one of at most {@code n}.
     */
    static Mapping of(int[] rgb, int n) {
        int[] sorted = rgb.clone();
        Arrays.sort(sorted);
        long[] distinct = new long[sorted.length];
        int count = 0;
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            distinct[count++] = (long) sorted[i] << 32 | (j - i);
            i = j;
        }
        MedianCut cut = new MedianCut(Arrays.copyOf(distinct, count), Math.max(1, n));
        cut.cutAll();
        return cut.mapping();
    }

    /** Each colour of the picture and the palette colour it becomes. */
    record Mapping(int[] from, int[] to) {
        /** The palette colour {@code rgb} becomes; {@code rgb} must be one of the picture's. */
        int apply(int rgb) {
            return to[Arrays.binarySearch(from, rgb)];
        }
    }

    private void cutAll() {
        while (boxes < boxStart.length) {
            int best = -1;
            for (int b = 0; b < boxes; b++) {
                if (boxScore[b] > 0 && (best < 0 || boxScore[b] > boxScore[best])) {
                    best = b;
                }
            }
            if (best < 0) {
                return;
            }
            cut(best, boxChannel[best]);
        }
    }

    /** The box's score and widest channel (0 red, 1 green, 2 blue). */
    private void measure(int b) {
        if (boxEnd[b] - boxStart[b] < 2) {
            boxScore[b] = 0;
            return;
        }
        int[] spread = spread(b);
        int channel = spread[0] >= spread[1] && spread[0] >= spread[2] ? 0 : spread[1] >= spread[2] ? 1 : 2;
        boxChannel[b] = channel;
        boxScore[b] = pixels(b) * (spread[channel] + 1L);
    }

    /** Sorts the box along {@code channel} (0 red, 1 green, 2 blue) and cuts it at its weighted median. */
    private void cut(int b, int channel) {
        int from = boxStart[b];
        int to = boxEnd[b];
        int shift = 16 - 8 * channel;
        for (int i = from; i < to; i++) {
            colours[i] = (long) channelFirst(rgb(colours[i]), shift) << 32 | (colours[i] & 0xFFFFFFFFL);
        }
        Arrays.sort(colours, from, to);
        for (int i = from; i < to; i++) {
            colours[i] = (long) channelBack(rgb(colours[i]), shift) << 32 | (colours[i] & 0xFFFFFFFFL);
        }
        long half = pixels(b) / 2;
        long seen = 0;
        int at = from + 1;
        for (int i = from; i < to - 1; i++) {
            seen += colours[i] & 0xFFFFFFFFL;
            at = i + 1;
            if (seen >= half) {
                break;
            }
        }
        boxStart[boxes] = at;
        boxEnd[boxes] = to;
        boxEnd[b] = at;
        measure(b);
        measure(boxes);
        boxes++;
    }

    /** The channel at {@code shift} moved to the top of the 24 bits, the other two after it in order, so that sorting sorts by it. */
    private static int channelFirst(int rgb, int shift) {
        int c = rgb >> shift & 0xFF;
        int high = rgb >> 16 & 0xFF;
        int mid = rgb >> 8 & 0xFF;
        int low = rgb & 0xFF;
        return switch (shift) {
            case 16 -> rgb;
            case 8 -> c << 16 | high << 8 | low;
            default -> c << 16 | high << 8 | mid;
        };
    }

    private static int channelBack(int keyed, int shift) {
        int c = keyed >> 16 & 0xFF;
        int a = keyed >> 8 & 0xFF;
        int b = keyed & 0xFF;
        return switch (shift) {
            case 16 -> keyed;
            case 8 -> a << 16 | c << 8 | b;
            default -> a << 16 | b << 8 | c;
        };
    }

    private static int rgb(long entry) {
        return (int) (entry >>> 32);
    }

    private long pixels(int b) {
        long sum = 0;
        for (int i = boxStart[b]; i < boxEnd[b]; i++) {
            sum += colours[i] & 0xFFFFFFFFL;
        }
        return sum;
    }

    private int[] spread(int b) {
        int[] low = { 255, 255, 255 };
        int[] high = { 0, 0, 0 };
        for (int i = boxStart[b]; i < boxEnd[b]; i++) {
            int rgb = rgb(colours[i]);
            for (int ch = 0; ch < 3; ch++) {
                int v = rgb >> (16 - 8 * ch) & 0xFF;
                low[ch] = Math.min(low[ch], v);
                high[ch] = Math.max(high[ch], v);
            }
        }
        return new int[] { high[0] - low[0], high[1] - low[1], high[2] - low[2] };
    }

    /** Each box's mean is a palette colour; each colour becomes the palette colour nearest it (a box's mean may not be). */
    private Mapping mapping() {
        int[] palette = new int[boxes];
        for (int b = 0; b < boxes; b++) {
            long red = 0;
            long green = 0;
            long blue = 0;
            long pixels = pixels(b);
            for (int i = boxStart[b]; i < boxEnd[b]; i++) {
                int rgb = rgb(colours[i]);
                long w = colours[i] & 0xFFFFFFFFL;
                red += (rgb >> 16 & 0xFF) * w;
                green += (rgb >> 8 & 0xFF) * w;
                blue += (rgb & 0xFF) * w;
            }
            palette[b] = (int) ((red + pixels / 2) / pixels) << 16 | (int) ((green + pixels / 2) / pixels) << 8
                    | (int) ((blue + pixels / 2) / pixels);
        }
        int[] byRed = palette.clone();
        Arrays.sort(byRed); // 0xRRGGBB: sorted by red first
        long[] pairs = new long[colours.length];
        for (int i = 0; i < colours.length; i++) {
            int rgb = rgb(colours[i]);
            pairs[i] = (long) rgb << 32 | nearest(byRed, rgb);
        }
        Arrays.sort(pairs);
        int[] from = new int[pairs.length];
        int[] to = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            from[i] = (int) (pairs[i] >>> 32);
            to[i] = (int) pairs[i];
        }
        return new Mapping(from, to);
    }

    /**
     * The colour of {@code byRed} (the palette sorted by red) nearest {@code rgb}: searched outwards from
     * its red, each way until the red alone is farther than the best found.
     */
    private static int nearest(int[] byRed, int rgb) {
        int at = Arrays.binarySearch(byRed, rgb & 0xFF0000);
        at = at < 0 ? -at - 1 : at;
        int first = byRed[Math.min(at, byRed.length - 1)];
        long best = (long) distance(first, rgb) << 32 | first;
        best = search(byRed, rgb, at, byRed.length, 1, best);
        best = search(byRed, rgb, at - 1, -1, -1, best);
        return (int) best;
    }

    /** The nearer of {@code best} (its distance, then the colour) and the colours from {@code from} on, one way, while the red alone is nearer. */
    private static long search(int[] byRed, int rgb, int from, int to, int step, long best) {
        int red = rgb >> 16 & 0xFF;
        for (int i = from; i != to; i += step) {
            int dr = (byRed[i] >> 16 & 0xFF) - red;
            if (dr * dr >= best >>> 32) {
                break;
            }
            best = Math.min(best, (long) distance(byRed[i], rgb) << 32 | byRed[i]);
        }
        return best;
    }

    private static int distance(int a, int b) {
        int dr = (a >> 16 & 0xFF) - (b >> 16 & 0xFF);
        int dg = (a >> 8 & 0xFF) - (b >> 8 & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return dr * dr + dg * dg + db * db;
    }
}
