package org.ipythonblocks.grid.picture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ipythonblocks.grid.GridData;

/**
 * The text alternative of a grid, computed from its blocks: its size and its main colours by name
 * with their share of the blocks ("a 10 by 10 grid: 60% gold, 30% navy, 10% white"), and a plain
 * sentence about its blocks. Colours are named with a small fixed palette of CSS colour names, by
 * nearest distance (the "redmean" weighting of RGB, close to how people see differences).
 */
public final class GridDescription {

    /** A CSS colour name and its value. */
    public record Named(String name, int red, int green, int blue) {
    }

    /** The names colours are given, in the order ties are broken. */
    public static final List<Named> PALETTE = List.of(
            new Named("black", 0, 0, 0), new Named("dimgray", 105, 105, 105), new Named("gray", 128, 128, 128),
            new Named("silver", 192, 192, 192), new Named("white", 255, 255, 255), new Named("red", 255, 0, 0),
            new Named("tomato", 255, 99, 71), new Named("maroon", 128, 0, 0), new Named("brown", 165, 42, 42), new Named("orange", 255, 165, 0),
            new Named("gold", 255, 215, 0), new Named("yellow", 255, 255, 0), new Named("olive", 128, 128, 0),
            new Named("lime", 0, 255, 0), new Named("lightgreen", 144, 238, 144), new Named("green", 0, 128, 0), new Named("seagreen", 46, 139, 87), new Named("teal", 0, 128, 128),
            new Named("cyan", 0, 255, 255), new Named("skyblue", 135, 206, 235), new Named("royalblue", 65, 105, 225), new Named("blue", 0, 0, 255),
            new Named("navy", 0, 0, 128), new Named("purple", 128, 0, 128), new Named("magenta", 255, 0, 255),
            new Named("pink", 255, 192, 203), new Named("tan", 210, 180, 140));

    /** Colours named in the summary; the rest are counted together as "other colours". */
    static final int MOST_NAMED = 5;

    private GridDescription() {
    }

    /** The nearest palette name of an RGB colour (each component 0–255). */
    public static String nameOf(int red, int green, int blue) {
        Named best = PALETTE.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (Named n : PALETTE) {
            double d = distance(red, green, blue, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best.name();
    }

    private static double distance(int red, int green, int blue, Named n) {
        double meanRed = (red + n.red()) / 2.0;
        int dr = red - n.red();
        int dg = green - n.green();
        int db = blue - n.blue();
        return (2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db;
    }

    /** The palette as the grid's script reads it: {@code gold:255,215,0;navy:0,0,128;...}. */
    public static String paletteAttribute() {
        return PALETTE.stream().map(n -> n.name() + ":" + n.red() + "," + n.green() + "," + n.blue()).collect(Collectors.joining(";"));
    }

    /** "a 10 by 10 grid: 60% gold, 30% navy, 10% white" (shares of the blocks, adding up to 100). */
    public static String summary(GridData grid) {
        String size = "a " + grid.maxColumnCount() + " by " + grid.rowCount() + " grid";
        List<Map.Entry<String, Long>> counts = colourCounts(grid);
        long total = grid.blockCount();
        if (total == 0) {
            return size;
        }
        if (counts.size() == 1) {
            return size + ", all " + counts.get(0).getKey();
        }
        List<String> names = new ArrayList<>();
        List<Long> shares = new ArrayList<>();
        long rest = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (i < MOST_NAMED && (i < 2 || counts.get(i).getValue() * 100 >= total)) {
                names.add(counts.get(i).getKey());
                shares.add(counts.get(i).getValue());
            } else {
                rest += counts.get(i).getValue();
            }
        }
        if (rest > 0) {
            names.add("other colours");
            shares.add(rest);
        }
        int[] percent = percentages(shares, total);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add((percent[i] == 0 ? "under 1" : percent[i]) + "% " + names.get(i));
        }
        return size + ": " + String.join(", ", parts);
    }

    /**
     * A plain sentence about the blocks: "Blocks of 20 pixels, with white lines between them; the top left block is gold."
     */
    public static String details(GridData grid) {
        if (grid.blockCount() == 0) {
            return "The grid has no blocks.";
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(r); c++) {
                int s = GridImages.displaySize(grid.size(r, c));
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        String sizes = min == max ? "Blocks of " + min + " pixel" + (min == 1 ? "" : "s")
                : "Blocks of " + min + " to " + max + " pixels";
        String lines = grid.linesOn() ? ", with white lines between them" : ", with no lines between them";
        int lastRow = grid.rowCount() - 1;
        while (lastRow > 0 && grid.columnCount(lastRow) == 0) {
            lastRow--;
        }
        int lastCol = grid.columnCount(lastRow) - 1;
        return sizes + lines + "; the top left block is " + name(grid, 0, 0) + " and the bottom right one "
                + name(grid, lastRow, lastCol) + ".";
    }

    private static String name(GridData grid, int row, int col) {
        if (col < 0 || grid.columnCount(row) == 0) {
            return "missing";
        }
        return nameOf(GridImages.displayColour(grid.red(row, col)), GridImages.displayColour(grid.green(row, col)),
                GridImages.displayColour(grid.blue(row, col)));
    }

    /** Blocks per colour name, most first (ties in palette order). */
    static List<Map.Entry<String, Long>> colourCounts(GridData grid) {
        Map<Integer, String> named = new java.util.HashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        PALETTE.forEach(n -> counts.put(n.name(), 0L));
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(r); c++) {
                int red = GridImages.displayColour(grid.red(r, c));
                int green = GridImages.displayColour(grid.green(r, c));
                int blue = GridImages.displayColour(grid.blue(r, c));
                String name = named.computeIfAbsent((red << 16) | (green << 8) | blue, k -> nameOf(red, green, blue));
                counts.merge(name, 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> list = new ArrayList<>(counts.entrySet());
        list.removeIf(e -> e.getValue() == 0);
        list.sort(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed());
        return list;
    }

    /** Whole percentages that add up to 100, by largest remainder. */
    static int[] percentages(List<Long> counts, long total) {
        int[] out = new int[counts.size()];
        double[] remainder = new double[counts.size()];
        int sum = 0;
        for (int i = 0; i < out.length; i++) {
            double exact = counts.get(i) * 100.0 / total;
            out[i] = (int) Math.floor(exact);
            remainder[i] = exact - out[i];
            sum += out[i];
        }
        while (sum < 100) {
            int best = 0;
            for (int i = 1; i < out.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            out[best]++;
            remainder[best] = -1;
            sum++;
        }
        return out;
    }
}
