package org.ipythonblocks.grid.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.Grid;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.web.RenderedOutput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Everything drawn from a grid (page, JSON, PNG, SVG, embed, social preview, gallery tile), rendered once and then
 * served from {@link GridOutputCache}: a cached output costs no database read. Each miss is one
 * indexed read. Empty means there is no such grid; a grid taken down throws {@link GridGoneException}.
 */
@ApplicationScoped
public class GridOutputs {

    static final String JSON = "application/json;charset=UTF-8";
    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";

    @Inject
    GridService grids;

    @Inject
    GridOutputCache cache;

    @Inject
    IpbConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance grid(Grid grid, String id, GridLinks links, String reportUrl);

        static native TemplateInstance embed(Grid grid, String id, GridLinks links);

        static native TemplateInstance noGrids();
    }

    public Optional<RenderedOutput> page(GridRef ref) {
        return cached(GridOutputCache.Kind.PAGE, ref, "", grid -> RenderedOutput.html(
                Templates.grid(grid, ref.id(), links(ref, grid), config.reportUrl().orElse(null)).render()));
    }

    public Optional<RenderedOutput> embed(GridRef ref) {
        return cached(GridOutputCache.Kind.EMBED, ref, "", grid -> RenderedOutput.html(
                Templates.embed(grid, ref.id(), links(ref, grid)).render()));
    }

    /** The grid as a Jupyter notebook to download: its code cells and a cell that loads it ({@link GridNotebooks}). */
    public Optional<RenderedOutput> notebook(GridRef ref) {
        return cached(GridOutputCache.Kind.NOTEBOOK, ref, "", grid -> RenderedOutput.text(
                GridNotebooks.notebook(GridNotebooks.cells(ref, grid, links(ref, grid))), GridNotebooks.IPYNB));
    }

    /** The same cells as a Python script with {@code # %%} cell markers. */
    public Optional<RenderedOutput> script(GridRef ref) {
        return cached(GridOutputCache.Kind.SCRIPT, ref, "", grid -> RenderedOutput.text(
                GridNotebooks.script(GridNotebooks.cells(ref, grid, links(ref, grid))), GridNotebooks.PY));
    }

    /** The stored {@code grid_data} JSON, exactly as PostgreSQL holds it. */
    public Optional<RenderedOutput> json(GridRef ref) {
        return cache.get(GridOutputCache.Kind.JSON, ref.secret(), ref.id(),
                () -> grids.gridDataJson(ref).map(json -> RenderedOutput.text(json.getBytes(StandardCharsets.UTF_8), JSON)));
    }

    public Optional<RenderedOutput> png(GridRef ref, OptionalDouble scale) {
        return cached(GridOutputCache.Kind.PNG, ref, variant(scale),
                grid -> RenderedOutput.binary(GridImages.png(grid.gridData, GridImages.layout(grid.gridData, scale)), PNG));
    }

    public Optional<RenderedOutput> svg(GridRef ref, OptionalDouble scale) {
        return cached(GridOutputCache.Kind.SVG, ref, variant(scale), grid -> RenderedOutput.text(GridImages.svg(grid.gridData,
                GridImages.layout(grid.gridData, scale), title(ref, grid)), SVG));
    }

    /** The 1200×630 picture that social sites show for a link to a public grid. Secret grids have none. */
    public Optional<RenderedOutput> preview(String id) {
        return cached(GridOutputCache.Kind.PREVIEW, new GridRef(false, id), "", grid -> RenderedOutput.binary(GridImages.preview(grid.gridData, previewTitle(grid, id)), PNG));
    }

    /**
     * A public grid's gallery tile ({@link GridImages#tile}), {@link GridImages#TILE_SIZE} px at scale 1 or
     * twice that at 2. Secret grids have none: they are never in a gallery.
     */
    public Optional<RenderedOutput> tile(String id, OptionalDouble scale) {
        int size = GridImages.tileSize(scale);
        return cached(GridOutputCache.Kind.TILE, new GridRef(false, id), Integer.toString(size),
                grid -> RenderedOutput.binary(GridImages.tile(grid.gridData, size), PNG));
    }

    public String noGridsPage() {
        return Templates.noGrids().render();
    }

    /** The grid itself, uncached: for answers that are not worth keeping (oEmbed). */
    public Optional<Grid> find(GridRef ref) {
        return grids.find(ref);
    }

    public GridLinks links(GridRef ref, Grid grid) {
        return GridLinks.of(config.publicBaseUrl(), ref, grid.gridData);
    }

    public String publicBaseUrl() {
        return config.publicBaseUrl();
    }

    /** What a social preview's band says under the site's name, e.g. "BlockGrid bizkiL". */
    static String previewTitle(Grid grid, String id) {
        return GridTemplateExtensions.loaderClass(grid) + " " + id;
    }

    static String title(GridRef ref, Grid grid) {
        return (ref.secret() ? "A secret grid" : "Grid " + ref.id()) + " from ipythonblocks.org: "
                + GridTemplateExtensions.altText(grid.gridData);
    }

    private Optional<RenderedOutput> cached(GridOutputCache.Kind kind, GridRef ref, String variant, Function<Grid, RenderedOutput> render) {
        return cache.get(kind, ref.secret(), ref.id(), variant, () -> find(ref).map(render));
    }

    private static String variant(OptionalDouble scale) {
        return scale.isPresent() ? Double.toString(scale.getAsDouble()) : "";
    }
}
