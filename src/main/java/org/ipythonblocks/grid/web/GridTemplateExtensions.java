package org.ipythonblocks.grid.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.SecretGrid;
import org.ipythonblocks.grid.picture.GridDescription;
import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.grid.picture.PythonHighlighter;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateExtension;

/** What the grid templates ({@code tags/blockgrid.html}, {@code tags/code.html}, grid pages) need beyond the stored data. */
@TemplateExtension
public class GridTemplateExtensions {

    private static final DateTimeFormatter POSTED = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /** One table cell, with the colour and size the library would show (clamped, at least 1 px). */
    @TemplateData
    public record Block(int row, int col, int red, int green, int blue, int size) {
    }

    /** The rows of table cells, top row first; ragged legacy rows stay ragged. */
    static List<List<Block>> blockRows(GridData grid) {
        List<List<Block>> rows = new ArrayList<>(grid.rowCount());
        for (int r = 0; r < grid.rowCount(); r++) {
            List<Block> row = new ArrayList<>(grid.columnCount(r));
            for (int c = 0; c < grid.columnCount(r); c++) {
                row.add(new Block(r, c, GridImages.displayColour(grid.red(r, c)), GridImages.displayColour(grid.green(r, c)),
                        GridImages.displayColour(grid.blue(r, c)), GridImages.displaySize(grid.size(r, c))));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The text alternative of a grid, e.g. "a 10 by 10 grid: 60% gold, 30% navy, 10% white" (see {@link GridDescription}). */
    static String altText(GridData grid) {
        return GridDescription.summary(grid);
    }

    /** A plain sentence about the grid's blocks, shown under it on its page. */
    static String details(GridData grid) {
        return GridDescription.details(grid);
    }

    /** The colour names the grid's script announces blocks with, as {@code name:r,g,b;...}. */
    static String colourNames(GridData grid) {
        return GridDescription.paletteAttribute();
    }

    /**
     * The block size when every row has the same number of blocks and every block the same size (the
     * grid then scales as a whole on narrow screens), or 0 when the grid must keep its sizes.
     */
    static int uniformBlockSize(GridData grid) {
        int width = grid.maxColumnCount();
        int size = grid.rowCount() > 0 && width > 0 ? GridImages.displaySize(grid.size(0, 0)) : 0;
        for (int r = 0; r < grid.rowCount() && size > 0; r++) {
            if (grid.columnCount(r) != width) {
                return 0;
            }
            for (int c = 0; c < width; c++) {
                if (GridImages.displaySize(grid.size(r, c)) != size) {
                    return 0;
                }
            }
        }
        return size;
    }

    /** "a 10 by 10 grid" → "A 10 by 10 grid", for text that starts a sentence. */
    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Whether the page shows the grid as its PNG rather than a table (see {@link GridImages#MAX_TABLE_BLOCKS}). */
    static boolean drawnAsImage(GridData grid) {
        return grid.blockCount() > GridImages.MAX_TABLE_BLOCKS;
    }

    static GridImages.Layout imageLayout(GridData grid) {
        return GridImages.layout(grid);
    }

    /** The scales offered to browsers besides the full picture, smallest first. */
    private static final double[] SMALLER_SCALES = { 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.7 };

    /**
     * A {@code srcset} for a grid shown as its picture: the full PNG and smaller renderings
     * ({@code ?scale=}), each at least half again as wide as the one before, so that a phone fetches
     * a picture near its own width instead of one of thousands of pixels. Blocks are whole pixels, so
     * a grid of 1 px blocks has no smaller rendering and gets its full picture alone.
     */
    static String imageSrcset(GridData grid, String png) {
        GridImages.Layout full = GridImages.layout(grid);
        StringBuilder srcset = new StringBuilder();
        int last = 0;
        for (double scale : SMALLER_SCALES) {
            int width;
            try {
                width = GridImages.layout(grid, java.util.OptionalDouble.of(scale)).width();
            } catch (org.ipythonblocks.Problem overTheCap) {
                break;
            }
            if (width > full.width() * 3L / 4) {
                break;
            }
            if (width >= last * 3L / 2 && width >= 160) {
                srcset.append(png).append("?scale=").append(GridImages.formatScale(scale)).append(' ').append(width).append("w, ");
                last = width;
            }
        }
        return srcset.append(png).append(' ').append(full.width()).append('w').toString();
    }

    /**
     * Python source split into highlighted tokens; templates print each token's text escaped. A character
     * that is invisible or turns the direction of text (bidi overrides and isolates, zero-width and other
     * format characters, control characters but tab and line breaks) would make the code read otherwise
     * than it runs ("Trojan Source"): it is shown instead as a marked token naming it, {@code U+202E}
     * with the class {@value #HIDDEN_CHARACTER}, as code hosts do. The stored code, {@code /get/} and the
     * downloads keep it as posted.
     */
    static List<PythonHighlighter.Token> pythonTokens(String code) {
        List<PythonHighlighter.Token> tokens = PythonHighlighter.tokens(code);
        if (code.codePoints().noneMatch(GridTemplateExtensions::hidden)) {
            return tokens;
        }
        List<PythonHighlighter.Token> marked = new ArrayList<>(tokens.size() + 8);
        for (PythonHighlighter.Token token : tokens) {
            String text = token.text();
            int start = 0;
            for (int i = 0; i < text.length();) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (hidden(cp)) {
                    if (i > start) {
                        marked.add(new PythonHighlighter.Token(token.css(), text.substring(start, i)));
                    }
                    marked.add(new PythonHighlighter.Token(HIDDEN_CHARACTER, String.format(Locale.ROOT, "U+%04X", cp)));
                    start = next;
                }
                i = next;
            }
            if (start < text.length()) {
                marked.add(start == 0 ? token : new PythonHighlighter.Token(token.css(), text.substring(start)));
            }
        }
        return marked;
    }

    /** The class of a marked character in shown code (ipborg.css draws it as a framed label). */
    static final String HIDDEN_CHARACTER = "ipb-hidden-char";

    /** Whether a character is shown as its marked code point rather than itself: see {@link #pythonTokens}. */
    private static boolean hidden(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Whether this is a secret grid (judged by its table: the legacy {@code secret} column is redundant). */
    static boolean secretGrid(Grid grid) {
        return grid instanceof SecretGrid;
    }

    /** The class to load the grid with: the posted class, or BlockGrid for anything unexpected in legacy data. */
    static String loaderClass(Grid grid) {
        return "ImageGrid".equals(grid.ipbClass) ? "ImageGrid" : "BlockGrid";
    }

    /** The notebook code that loads this grid ({@code id} is the grid's URL id, already restricted to word characters). */
    static String fromWebCode(Grid grid, String id) {
        String cls = loaderClass(grid);
        return "from ipythonblocks import " + cls + "\n\ngrid = " + cls + ".from_web('" + id + "'"
                + (secretGrid(grid) ? ", secret=True" : "") + ")\ngrid";
    }

    /** {@code [3, 11, 2, "final", 0]} as Python prints its version: {@code 3.11.2}, {@code 3.12.0rc1}. */
    static String pythonVersionText(Grid grid) {
        List<Object> v = grid.pythonVersion;
        if (v == null || v.isEmpty()) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, v.size()); i++) {
            out.append(i > 0 ? "." : "").append(v.get(i));
        }
        if (v.size() >= 5 && !"final".equals(v.get(3))) {
            String level = String.valueOf(v.get(3));
            out.append(switch (level) {
                case "alpha" -> "a";
                case "beta" -> "b";
                case "candidate" -> "rc";
                default -> level;
            }).append(v.get(4));
        }
        return out.toString();
    }

    static String postedOn(Grid grid) {
        return grid.createdAt == null ? "unknown" : POSTED.format(grid.createdAt.atZoneSameInstant(ZoneOffset.UTC));
    }

    static String postedIso(Grid grid) {
        return grid.createdAt == null ? "" : grid.createdAt.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString();
    }
}
