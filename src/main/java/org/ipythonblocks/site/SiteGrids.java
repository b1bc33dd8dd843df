package org.ipythonblocks.site;

import java.util.List;
import java.util.Map;

import org.ipythonblocks.grid.GridData;

/** The grids the site draws on its own pages, with the same renderer as posted grids. */
final class SiteGrids {

    private static final int[] EMERALD = { 46, 204, 113 };
    private static final int[] MIDNIGHT_BLUE = { 44, 62, 80 };

    /** The home page's 7×2 grid of Flat UI colours, 100 px blocks: the bright ones over their darker partners. */
    static final GridData HOME = rows(100, new int[][][] {
            { { 231, 76, 60 }, { 230, 126, 34 }, { 241, 196, 15 }, { 46, 204, 113 }, { 26, 188, 156 }, { 52, 152, 219 }, { 155, 89, 182 } },
            { { 192, 57, 43 }, { 211, 84, 0 }, { 243, 156, 18 }, { 39, 174, 96 }, { 22, 160, 133 }, { 41, 128, 185 }, { 142, 68, 173 } } });

    /** The notebook cells that draw {@link #NOT_FOUND}; {@link #notFound()} does the same in Java. */
    static final List<String> NOT_FOUND_CODE = List.of("""
            from ipythonblocks import BlockGrid, fui_colors""", """
            def four(grid, col, color):
                \"""Draw a 4 in rows 1 to 8, its left edge at column col.\"""
                grid[1:6, col] = color
                grid[5, col:col + 5] = color
                grid[1:9, col + 3] = color""", """
            def zero(grid, col, color):
                \"""Draw a 0 in rows 1 to 8, its left edge at column col.\"""
                grid[1, col + 1:col + 4] = color
                grid[8, col + 1:col + 4] = color
                grid[2:8, col] = color
                grid[2:8, col + 4] = color""", """
            grid = BlockGrid(22, 10, fill=fui_colors.MidnightBlue, block_size=20)
            four(grid, 2, fui_colors.Emerald)
            zero(grid, 9, fui_colors.Emerald)
            four(grid, 16, fui_colors.Emerald)
            grid""", """
            grid.post_to_web('1:4,5,6')""");

    /** "404" in Emerald on Midnight Blue, 22×10 blocks of 20 px with lines, as {@link #NOT_FOUND_CODE} draws it. */
    static final GridData NOT_FOUND = notFound();

    private SiteGrids() {
    }

    private static GridData notFound() {
        GridData grid = GridData.filled(22, 10, true, MIDNIGHT_BLUE[0], MIDNIGHT_BLUE[1], MIDNIGHT_BLUE[2], 20);
        four(grid.blocks(), 2);
        zero(grid.blocks(), 9);
        four(grid.blocks(), 16);
        return grid;
    }

    private static void four(int[][] blocks, int col) {
        paint(blocks, 1, 6, col, col + 1);
        paint(blocks, 5, 6, col, col + 5);
        paint(blocks, 1, 9, col + 3, col + 4);
    }

    private static void zero(int[][] blocks, int col) {
        paint(blocks, 1, 2, col + 1, col + 4);
        paint(blocks, 8, 9, col + 1, col + 4);
        paint(blocks, 2, 8, col, col + 1);
        paint(blocks, 2, 8, col + 4, col + 5);
    }

    /** {@code grid[rowFrom:rowTo, colFrom:colTo] = fui_colors.Emerald}, Python slice bounds. */
    private static void paint(int[][] blocks, int rowFrom, int rowTo, int colFrom, int colTo) {
        for (int r = rowFrom; r < rowTo; r++) {
            for (int c = colFrom; c < colTo; c++) {
                System.arraycopy(EMERALD, 0, blocks[r], c * 4, 3);
            }
        }
    }

    private static GridData rows(int size, int[][][] colours) {
        int[][] blocks = new int[colours.length][];
        for (int r = 0; r < colours.length; r++) {
            blocks[r] = new int[colours[r].length * 4];
            for (int c = 0; c < colours[r].length; c++) {
                System.arraycopy(colours[r][c], 0, blocks[r], c * 4, 3);
                blocks[r][c * 4 + 3] = size;
            }
        }
        return new GridData(colours[0].length, colours.length, true, blocks, Map.of());
    }
}
