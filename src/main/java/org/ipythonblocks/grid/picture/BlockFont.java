package org.ipythonblocks.grid.picture;

import java.util.HashMap;
import java.util.Map;

import org.ipythonblocks.grid.GridData;

/**
 * Text drawn in blocks, for the title band of social previews: a 3×5 font of our own (letters of
 * both cases, digits, a little punctuation; anything else is drawn as {@code ?}), each glyph a column
 * of blank blocks apart. The text becomes a grid like any other, so the picture code draws it.
 */
final class BlockFont {

    static final int GLYPH_WIDTH = 3;
    static final int GLYPH_HEIGHT = 5;
    /** A glyph and the blank column after it. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    private static final Map<Character, String> GLYPHS = new HashMap<>();

    static {
        // Each line: the character, then its five rows of three pixels (# set).
        String[] table = {
            "A .#. #.# ### #.# #.#",
            "B ##. #.# ##. #.# ##.",
            "C .## #.. #.. #.. .##",
            "D ##. #.# #.# #.# ##.",
            "E ### #.. ##. #.. ###",
            "F ### #.. ##. #.. #..",
            "G .## #.. #.# #.# .##",
            "H #.# #.# ### #.# #.#",
            "I ### .#. .#. .#. ###",
            "J ..# ..# ..# #.# .#.",
            "K #.# #.# ##. #.# #.#",
            "L #.. #.. #.. #.. ###",
            "M #.# ### ### #.# #.#",
            "N ##. #.# #.# #.# #.#",
            "O .#. #.# #.# #.# .#.",
            "P ##. #.# ##. #.. #..",
            "Q .#. #.# #.# ### .##",
            "R ##. #.# ##. #.# #.#",
            "S .## #.. .#. ..# ##.",
            "T ### .#. .#. .#. .#.",
            "U #.# #.# #.# #.# ###",
            "V #.# #.# #.# #.# .#.",
            "W #.# #.# ### ### #.#",
            "X #.# #.# .#. #.# #.#",
            "Y #.# #.# .#. .#. .#.",
            "Z ### ..# .#. #.. ###",
            "a ... .## #.# #.# .##",
            "b #.. #.. ##. #.# ##.",
            "c ... ... .## #.. .##",
            "d ..# ..# .## #.# .##",
            "e ... .## ### #.. .##",
            "f .## #.. ##. #.. #..",
            "g ... .## #.# .## ##.",
            "h #.. #.. ##. #.# #.#",
            "i .#. ... .#. .#. .#.",
            "j ..# ... ..# #.# .#.",
            "k #.. #.# ##. ##. #.#",
            "l ##. .#. .#. .#. .##",
            "m ... ... ### ### #.#",
            "n ... ... ##. #.# #.#",
            "o ... ... ### #.# ###",
            "p ... ##. #.# ##. #..",
            "q ... .## #.# .## ..#",
            "r ... ... .## #.. #..",
            "s ... .## #.. ..# ##.",
            "t .#. ### .#. .#. ..#",
            "u ... ... #.# #.# .##",
            "v ... ... #.# #.# .#.",
            "w ... ... #.# ### ###",
            "x ... ... #.# .#. #.#",
            "y ... #.# #.# .## ##.",
            "z ... ... ##. .#. .##",
            "0 ### #.# #.# #.# ###",
            "1 .#. ##. .#. .#. ###",
            "2 ##. ..# .#. #.. ###",
            "3 ##. ..# .#. ..# ##.",
            "4 #.# #.# ### ..# ..#",
            "5 ### #.. ##. ..# ##.",
            "6 .## #.. ### #.# ###",
            "7 ### ..# .#. .#. .#.",
            "8 ### #.# ### #.# ###",
            "9 ### #.# ### ..# ##.",
            ". ... ... ... ... .#.",
            "_ ... ... ... ... ###",
            "- ... ... ### ... ...",
            ": ... .#. ... .#. ...",
            "? ##. ..# .#. ... .#.",
            "  ... ... ... ... ..." };
        for (String line : table) {
            String pixels = line.substring(2).replace(" ", "");
            if (pixels.length() != GLYPH_WIDTH * GLYPH_HEIGHT) {
                throw new IllegalStateException("bad glyph " + line);
            }
            GLYPHS.put(line.charAt(0), pixels);
        }
    }

    private BlockFont() {
    }

    /** How many columns of blocks {@code text} takes at {@code scale} blocks per font pixel. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** Sets the blocks of {@code text} (top left at {@code row}, {@code col}) in {@code canvas}, a grid of RGB values. */
    static void draw(int[][] canvas, String text, int row, int col, int scale, int rgb) {
        for (int i = 0; i < text.length(); i++) {
            String glyph = GLYPHS.getOrDefault(text.charAt(i), GLYPHS.get('?'));
            for (int y = 0; y < GLYPH_HEIGHT; y++) {
                for (int x = 0; x < GLYPH_WIDTH; x++) {
                    if (glyph.charAt(y * GLYPH_WIDTH + x) == '#') {
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                int r = row + y * scale + dy;
                                int c = col + (i * ADVANCE + x) * scale + dx;
                                if (r >= 0 && r < canvas.length && c >= 0 && c < canvas[r].length) {
                                    canvas[r][c] = rgb;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** A canvas of RGB values as a grid of {@code size} px blocks without lines. */
    static GridData grid(int[][] canvas, int size) {
        int[][] rows = new int[canvas.length][];
        for (int r = 0; r < canvas.length; r++) {
            rows[r] = new int[canvas[r].length * 4];
            for (int c = 0; c < canvas[r].length; c++) {
                rows[r][c * 4] = canvas[r][c] >> 16 & 0xFF;
                rows[r][c * 4 + 1] = canvas[r][c] >> 8 & 0xFF;
                rows[r][c * 4 + 2] = canvas[r][c] & 0xFF;
                rows[r][c * 4 + 3] = size;
            }
        }
        return new GridData(canvas.length == 0 ? 0 : canvas[0].length, canvas.length, false, rows, null);
    }
}
