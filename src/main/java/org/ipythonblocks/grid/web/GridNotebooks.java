package org.ipythonblocks.grid.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridJson;
import org.ipythonblocks.grid.GridRef;

/**
 * A grid to take home: the code cells posted with it as a Jupyter notebook ({@code /<id>.ipynb},
 * nbformat 4.5) or as a script with {@code # %%} cell markers ({@code /<id>.py}, the "percent" format
 * that VS Code, Spyder, PyCharm and Jupytext open as cells). Both hold the same cells: a markdown
 * cell naming the grid with its link, the posted code cells in order, and a last cell that loads the
 * grid with {@code from_web} (its own class, {@code secret=True} for a secret grid) and shows it.
 *
 * <p>Pure: the same grid gives the same bytes (cell ids are positions, no dates), so the ETag is
 * stable. The posted code goes in as text; nothing in it is run or interpreted here.
 */
final class GridNotebooks {

    static final String IPYNB = "application/x-ipynb+json";
    static final String PY = "text/x-python;charset=UTF-8";

    private GridNotebooks() {
    }

    /** A cell: markdown or code, and its text. */
    record Cell(boolean markdown, String source) {
    }

    static List<Cell> cells(GridRef ref, Grid grid, GridLinks links) {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(true, "# " + (ref.secret() ? "A secret grid" : GridTemplateExtensions.loaderClass(grid) + " " + ref.id())
                + " from ipythonblocks.org\n\n" + GridTemplateExtensions.capitalized(GridTemplateExtensions.altText(grid.gridData))
                + ", shared with ipythonblocks: <" + links.page() + ">\n\n"
                + (grid.codeCells == null || grid.codeCells.isEmpty() ? "It was posted without its code; the last cell loads it."
                        : "The code cells below are the ones it was posted with; the last cell loads the grid itself.")
                + "\n\nNeeds the ipythonblocks library: `pip install ipythonblocks`."));
        if (grid.codeCells != null) {
            for (String code : grid.codeCells) {
                cells.add(new Cell(false, code == null ? "" : code));
            }
        }
        cells.add(new Cell(false, GridTemplateExtensions.fromWebCode(grid, ref.id())));
        return cells;
    }

    /** The notebook, nbformat 4.5: every cell has an id, code cells no outputs and no execution count. */
    static byte[] notebook(List<Cell> cells) {
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("display_name", "Python 3");
        kernel.put("language", "python");
        kernel.put("name", "python3");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kernelspec", kernel);
        metadata.put("language_info", Map.of("name", "python"));
        List<Map<String, Object>> json = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cell_type", cell.markdown() ? "markdown" : "code");
            c.put("id", "cell-" + i);
            c.put("metadata", Map.of());
            c.put("source", lines(cell.source()));
            if (!cell.markdown()) {
                c.put("execution_count", null);
                c.put("outputs", List.of());
            }
            json.add(c);
        }
        Map<String, Object> notebook = new LinkedHashMap<>();
        notebook.put("cells", json);
        notebook.put("metadata", metadata);
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        try {
            return (GridJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(notebook) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notebook of strings cannot fail to serialise", e);
        }
    }

    /** The same cells as a script: {@code # %%} before each code cell, markdown as {@code # %% [markdown]} comments. */
    static byte[] script(List<Cell> cells) {
        StringBuilder py = new StringBuilder();
        for (Cell cell : cells) {
            if (py.length() > 0) {
                py.append('\n');
            }
            if (cell.markdown()) {
                py.append("# %% [markdown]\n");
                for (String line : cell.source().split("\n", -1)) {
                    py.append(line.isEmpty() ? "#" : "# " + line).append('\n');
                }
            } else {
                String code = withoutCellMarkers(cell.source());
                py.append("# %%\n").append(code);
                if (!code.endsWith("\n")) {
                    py.append('\n');
                }
            }
        }
        return py.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A comment line that editors would read as the start of a cell ({@code # %%}, {@code # %% [markdown]},
     * {@code #%%}, {@code # <codecell>}, {@code # In[3]:}) and that the posted code carries: its {@code #}
     * doubled ({@code ## %% [markdown]}), a plain comment to every editor, still visibly what was posted.
     * Only the script does this; the notebook's cells are separate by structure and keep the code as posted.
     */
    static String withoutCellMarkers(String code) {
        return CELL_MARKER.matcher(code).replaceAll("$1#");
    }

    /** At the start of any line (the line breaks editors know: \\n, \\r\\n, \\r, U+2028, …). */
    private static final java.util.regex.Pattern CELL_MARKER = java.util.regex.Pattern
            .compile("(?m)^([ \\t\\f]*#)(?=[ \\t\\f]*(?:%%|<codecell>|<markdowncell>|In\\[))");

    /** nbformat's multi-line string: lines, each but the last keeping its newline. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The name a browser saves the file as, as the page's other downloads: {@code ipythonblocks-<id>.ipynb}. */
    static String fileName(GridRef ref, String extension) {
        return "ipythonblocks-" + ref.id() + "." + extension;
    }
}
