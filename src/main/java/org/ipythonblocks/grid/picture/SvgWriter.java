package org.ipythonblocks.grid.picture;

import java.nio.charset.StandardCharsets;

import org.ipythonblocks.grid.GridData;

/**
 * Writes a grid's {@link GridImages.Layout} as SVG: a white canvas (the lines) and one rectangle per
 * block, on whole pixels with {@code crispEdges}, so it matches the PNG pixel for pixel at its own
 * size and stays sharp at any other. White blocks are the canvas itself; without lines, neighbouring
 * blocks of one colour become one rectangle.
 */
final class SvgWriter {

    private SvgWriter() {
    }

    static byte[] write(GridData grid, GridImages.Layout layout, String title) {
        StringBuilder svg = new StringBuilder(128 + (int) Math.min(grid.blockCount(), 1 << 20) * 56);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(layout.width()).append("\" height=\"")
                .append(layout.height()).append("\" viewBox=\"0 0 ").append(layout.width()).append(' ').append(layout.height())
                .append("\" shape-rendering=\"crispEdges\" role=\"img\"><title>");
        escape(svg, title);
        svg.append("</title>\n<rect width=\"").append(layout.width()).append("\" height=\"").append(layout.height())
                .append("\" fill=\"#ffffff\"/>\n");
        for (int r = 0; r < grid.rowCount(); r++) {
            int columns = grid.columnCount(r);
            for (int c = 0; c < columns; c++) {
                int rgb = GridImages.displayRgb(grid, r, c);
                int last = c;
                if (layout.line() == 0) {
                    while (last + 1 < columns && GridImages.displayRgb(grid, r, last + 1) == rgb) {
                        last++;
                    }
                }
                if (rgb != GridImages.WHITE) {
                    int x = layout.colX()[c];
                    int width = layout.colX()[last] + layout.colW()[last] - x;
                    svg.append("<rect x=\"").append(x).append("\" y=\"").append(layout.rowY()[r]).append("\" width=\"").append(width)
                            .append("\" height=\"").append(layout.rowH()[r]).append("\" fill=\"#");
                    hex(svg, rgb);
                    svg.append("\"/>\n");
                }
                c = last;
            }
        }
        svg.append("</svg>\n");
        return svg.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void hex(StringBuilder out, int rgb) {
        String digits = Integer.toHexString(rgb | 0x1000000);
        out.append(digits, 1, 7);
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
    }
}
