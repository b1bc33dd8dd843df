package org.ipythonblocks.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Supplier;

import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.picture.GridImages;

/**
 * How long drawing a grid takes (issue 7): PNG, SVG and the social preview of a 100×100 grid of the
 * library's default 20 px blocks with lines, and of a 640×480 ImageGrid (1 px blocks, no lines), each
 * in a few colours and in all-different colours. Prints the median and 90th percentile of many
 * renders after a warm-up, and the output size. Run by {@code benchmarks/image-render.sh}, which
 * starts it with the JVM options of the Procfile's web dyno.
 */
public final class ImageBenchmark {

    private ImageBenchmark() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %11s %13s%n", "render", "median", "p90", "size", "picture");
        for (Case c : List.of(
                new Case("100x100, 20 px blocks, lines, 16 colours", grid(100, 100, 20, true, 16)),
                new Case("100x100, 20 px blocks, lines, all colours", grid(100, 100, 20, true, 0)),
                new Case("640x480 ImageGrid, 1 px blocks, 16 colours", grid(640, 480, 1, false, 16)),
                new Case("640x480 ImageGrid, 1 px blocks, all colours", grid(640, 480, 1, false, 0)))) {
            GridImages.Layout layout = GridImages.layout(c.grid());
            String picture = layout.width() + "x" + layout.height();
            run("PNG  " + c.name(), seconds, picture, () -> GridImages.png(c.grid()));
            if (GridImages.hasSvg(c.grid())) {
                run("SVG  " + c.name(), seconds, picture, () -> GridImages.svg(c.grid(), layout, "a grid"));
            }
            run("prev " + c.name(), seconds, "1200x630", () -> GridImages.preview(c.grid(), "BlockGrid bizkiL"));
            OptionalDouble two = OptionalDouble.of(2);
            if (GridImages.layout(c.grid(), OptionalDouble.of(1)).pixels() * 4 <= GridImages.MAX_PIXELS) {
                GridImages.Layout big = GridImages.layout(c.grid(), two);
                run("PNG ?scale=2 " + c.name(), seconds, big.width() + "x" + big.height(), () -> GridImages.png(c.grid(), big));
            }
        }
    }

    record Case(String name, GridData grid) {
    }

    private static void run(String name, long seconds, String picture, Supplier<byte[]> render) {
        long warmUntil = System.nanoTime() + seconds * 1_000_000_000L / 2;
        while (System.nanoTime() < warmUntil) {
            render.get();
        }
        List<Long> times = new ArrayList<>();
        int size = 0;
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until || times.size() < 5) {
            long start = System.nanoTime();
            size = render.get().length;
            times.add(System.nanoTime() - start);
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-44s %7.2f ms %6.2f ms %8d KiB %13s%n", name, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, size / 1024, picture);
    }

    /** A grid of random colours: from a palette of {@code colours}, or all different when 0. */
    static GridData grid(int width, int height, int size, boolean lines, int colours) {
        Random random = new Random(42);
        int[] palette = random.ints(Math.max(colours, 1), 0, 1 << 24).toArray();
        int[][] blocks = new int[height][width * 4];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int rgb = colours == 0 ? random.nextInt(1 << 24) : palette[random.nextInt(colours)];
                blocks[r][c * 4] = rgb >> 16 & 255;
                blocks[r][c * 4 + 1] = rgb >> 8 & 255;
                blocks[r][c * 4 + 2] = rgb & 255;
                blocks[r][c * 4 + 3] = size;
            }
        }
        return new GridData(width, height, lines, blocks, Map.of());
    }

    static String sizes(long[] values) {
        return Arrays.toString(values);
    }
}
