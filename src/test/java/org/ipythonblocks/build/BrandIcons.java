package org.ipythonblocks.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.picture.GridImages;

/**
 * The site's icons, drawn by the site's own picture code from one 8×8 grid of our own design: a
 * staircase of blocks in the Flat UI colours the site uses, climbing left to right out of Midnight
 * Blue (code + colour, one block more per step). Writes {@code favicon.ico} (16, 32 and 48 px PNGs in
 * an ICO), {@code icon.svg}, {@code apple-touch-icon.png} (180 px) and {@code icon-192.png},
 * {@code icon-512.png} (the web manifest's) under {@code META-INF/resources/static/}.
 *
 * <pre>./mvnw -q test-compile && java -cp "target/classes:target/test-classes:$(cat target/classpath.txt)" org.ipythonblocks.build.BrandIcons</pre>
 *
 * or run {@code BrandIconsTest} with {@code -Dipb.icons.write=true}; without it, the test checks the
 * committed files are what this draws.
 */
public final class BrandIcons {

    static final Path STATIC = Path.of("src/main/resources/META-INF/resources/static");
    /** Midnight Blue, the background: also the manifest's theme and background colour. */
    public static final int MIDNIGHT_BLUE = 0x2C3E50;
    private static final int[][] STEPS = { { 231, 76, 60 }, { 230, 126, 34 }, { 241, 196, 15 }, { 46, 204, 113 }, { 26, 188, 156 },
            { 52, 152, 219 }, { 155, 89, 182 }, { 236, 240, 241 } };

    private BrandIcons() {
    }

    /** The motif with blocks of {@code size} px, no lines: column c is a bar of c + 1 blocks in its own colour. */
    public static GridData motif(int size) {
        return motif(size, false);
    }

    /** The motif, with the library's white lines between blocks when {@code lines} (the big icons: a grid, not bars). */
    public static GridData motif(int size, boolean lines) {
        int[][] rows = new int[8][32];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                boolean step = r >= 7 - c;
                int[] rgb = step ? STEPS[c] : new int[] { MIDNIGHT_BLUE >> 16, MIDNIGHT_BLUE >> 8 & 0xFF, MIDNIGHT_BLUE & 0xFF };
                System.arraycopy(new int[] { rgb[0], rgb[1], rgb[2], size }, 0, rows[r], c * 4, 4);
            }
        }
        return new GridData(8, 8, lines, rows, null);
    }

    /** Every file, by name under {@code static/}. */
    public static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("favicon.ico", ico(List.of(png(16), png(32), png(48)), List.of(16, 32, 48)));
        GridData svg = motif(4);
        files.put("icon.svg", GridImages.svg(svg, GridImages.layout(svg), "ipythonblocks.org"));
        files.put("apple-touch-icon.png", GridImages.square(motif(20, true), 180, MIDNIGHT_BLUE));
        files.put("icon-192.png", GridImages.square(motif(21, true), 192, MIDNIGHT_BLUE));
        files.put("icon-512.png", GridImages.square(motif(60, true), 512, MIDNIGHT_BLUE));
        return files;
    }

    /** {@code size} px, a multiple of 8: the motif's blocks exactly fill it. */
    static byte[] png(int size) {
        return GridImages.png(motif(size / 8));
    }

    /** An ICO holding PNG images (every browser since IE 11 reads them). */
    static byte[] ico(List<byte[]> pngs, List<Integer> sizes) {
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * pngs.size()).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) pngs.size());
        int offset = header.capacity();
        for (int i = 0; i < pngs.size(); i++) {
            int size = sizes.get(i);
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size)).put((byte) 0).put((byte) 0)
                    .putShort((short) 1).putShort((short) 32).putInt(pngs.get(i).length).putInt(offset);
            offset += pngs.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        pngs.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        for (Map.Entry<String, byte[]> file : files().entrySet()) {
            Files.write(STATIC.resolve(file.getKey()), file.getValue());
            System.out.println(STATIC.resolve(file.getKey()) + ": " + file.getValue().length + " bytes");
        }
    }
}
