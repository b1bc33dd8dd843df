package org.ipythonblocks.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The committed icons are what {@link BrandIcons} draws (so the design lives in code), at their sizes. */
class BrandIconsTest {

    @Test
    void theCommittedIconsAreTheMotifAtTheirSizes() throws Exception {
        if (Boolean.getBoolean("ipb.icons.write")) {
            BrandIcons.main(new String[0]);
        }
        for (Map.Entry<String, byte[]> file : BrandIcons.files().entrySet()) {
            assertThat(Files.readAllBytes(BrandIcons.STATIC.resolve(file.getKey()))).as(file.getKey()
                    + " differs from what BrandIcons draws: run BrandIconsTest with -Dipb.icons.write=true").isEqualTo(file.getValue());
        }
        BufferedImage touch = ImageIO.read(new ByteArrayInputStream(BrandIcons.files().get("apple-touch-icon.png")));
        assertThat(touch.getWidth()).isEqualTo(180);
        assertThat(touch.getHeight()).isEqualTo(180);
        assertThat(touch.getRGB(0, 0) & 0xFFFFFF).as("no transparent or white corner").isEqualTo(BrandIcons.MIDNIGHT_BLUE);
        BufferedImage big = ImageIO.read(new ByteArrayInputStream(BrandIcons.files().get("icon-512.png")));
        assertThat(big.getWidth()).isEqualTo(512);
        assertThat(big.getRGB(0, 0) & 0xFFFFFF).as("top left: Midnight Blue").isEqualTo(BrandIcons.MIDNIGHT_BLUE);
        assertThat(big.getRGB(500, 500) & 0xFFFFFF).as("bottom right: the last step").isEqualTo(0xECF0F1);
        assertThat(big.getRGB(12, 500) & 0xFFFFFF).as("bottom left: the first step").isEqualTo(0xE74C3C);
        byte[] ico = BrandIcons.files().get("favicon.ico");
        assertThat(new byte[] { ico[0], ico[1], ico[2], ico[3], ico[4] }).containsExactly(0, 0, 1, 0, 3);
    }
}
