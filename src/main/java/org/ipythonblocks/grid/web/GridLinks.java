package org.ipythonblocks.grid.web;

import org.ipythonblocks.web.Routes;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.picture.GridImages;
import io.quarkus.qute.TemplateData;

/**
 * Every address of one grid, as its page, its embed and oEmbed need them: the page itself, its
 * pictures and JSON (site-relative, for links), the embed page, the oEmbed query and the social
 * preview (absolute, for other sites), and the HTML that embeds it.
 */
@TemplateData
public record GridLinks(String page, String png, String svg, String json, String embed, String oembed, String preview,
        EmbedSize embedSize) {

    /** How wide an embed is at most unless its host asks otherwise (oEmbed's {@code maxwidth}). */
    static final int EMBED_MAX_WIDTH = 640;
    /** The embed page's padding around the picture (8 px each side). */
    static final int EMBED_PADDING = 16;
    /** The embed page's caption line and the space above it. */
    static final int EMBED_CAPTION = 24;

    /** An iframe's size for a picture of {@code width} × {@code height}, within {@code maxWidth} × {@code maxHeight}. */
    @TemplateData
    public record EmbedSize(int width, int height) {
        static EmbedSize of(GridImages.Layout picture, int maxWidth, int maxHeight) {
            double scale = Math.min(1, Math.min((double) (maxWidth - EMBED_PADDING) / picture.width(),
                    (double) (maxHeight - EMBED_PADDING - EMBED_CAPTION) / picture.height()));
            scale = Math.max(scale, 1e-3);
            return new EmbedSize(Math.max(1, (int) Math.floor(picture.width() * scale)) + EMBED_PADDING,
                    Math.max(1, (int) Math.floor(picture.height() * scale)) + EMBED_PADDING + EMBED_CAPTION);
        }
    }

    public static GridLinks of(String baseUrl, GridRef ref, GridData grid) {
        return of(baseUrl, ref, grid, EmbedSize.of(GridImages.layout(grid), EMBED_MAX_WIDTH, Integer.MAX_VALUE));
    }

    static GridLinks of(String baseUrl, GridRef ref, GridData grid, EmbedSize size) {
        String path = ref.toString(); // bizkiL or secret/<id>
        String page = baseUrl + "/" + path;
        return new GridLinks(page, "/" + path + ".png", GridImages.hasSvg(grid) ? "/" + path + ".svg" : null, Routes.GET_PREFIX + path,
                baseUrl + Routes.EMBED_PREFIX + path, baseUrl + Routes.OEMBED + "?url=" + java.net.URLEncoder.encode(page, java.nio.charset.StandardCharsets.UTF_8),
                ref.secret() ? null : baseUrl + Routes.PREVIEW_PREFIX + ref.id() + ".png", size);
    }

    /** The grid's code as a notebook to download ({@code /<id>.ipynb}, under {@code /secret/} for secret grids). */
    public String notebook() {
        return png.substring(0, png.length() - ".png".length()) + ".ipynb";
    }

    /** The same as a script with {@code # %%} cell markers ({@code /<id>.py}). */
    public String script() {
        return png.substring(0, png.length() - ".png".length()) + ".py";
    }

    /** The HTML that embeds the grid in another page. */
    public String embedCode() {
        return "<iframe src=\"" + embed + "\" width=\"" + embedSize.width() + "\" height=\"" + embedSize.height()
                + "\" style=\"border:0\" loading=\"lazy\" title=\"A grid from ipythonblocks.org\"></iframe>";
    }
}
