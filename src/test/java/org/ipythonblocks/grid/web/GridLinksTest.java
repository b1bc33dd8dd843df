package org.ipythonblocks.grid.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.picture.GridImages;
import org.junit.jupiter.api.Test;

/** Every address of a grid and the size of its embed, worked out without Quarkus. */
class GridLinksTest {

    static final String BASE = "http://www.ipythonblocks.org";
    static final GridData SMALL = GridData.filled(4, 2, true, 1, 2, 3, 20);

    @Test
    void aPublicGridsAddresses() {
        GridLinks links = GridLinks.of(BASE, new GridRef(false, "bizkiL"), SMALL);
        assertThat(links.page()).isEqualTo(BASE + "/bizkiL");
        assertThat(links.png()).isEqualTo("/bizkiL.png");
        assertThat(links.svg()).isEqualTo("/bizkiL.svg");
        assertThat(links.json()).isEqualTo("/get/bizkiL");
        assertThat(links.embed()).isEqualTo(BASE + "/embed/bizkiL");
        assertThat(links.oembed()).isEqualTo(BASE + "/oembed?url=http%3A%2F%2Fwww.ipythonblocks.org%2FbizkiL");
        assertThat(links.preview()).isEqualTo(BASE + "/preview/bizkiL.png");
    }

    @Test
    void aSecretGridHasNoPreviewAndKeepsItsPrefixEverywhere() {
        GridLinks links = GridLinks.of(BASE, new GridRef(true, "MiXoi4"), SMALL);
        assertThat(links.page()).isEqualTo(BASE + "/secret/MiXoi4");
        assertThat(links.json()).isEqualTo("/get/secret/MiXoi4");
        assertThat(links.embed()).isEqualTo(BASE + "/embed/secret/MiXoi4");
        assertThat(links.preview()).isNull();
    }

    @Test
    void aGridTooBigForSvgGetsNoSvgLink() {
        GridData huge = GridData.filled(300, 300, false, 0, 0, 0, 1);
        assertThat(GridImages.hasSvg(huge)).isFalse();
        assertThat(GridLinks.of(BASE, new GridRef(false, "bizkiL"), huge).svg()).isNull();
    }

    @Test
    void theEmbedIsThePictureWithPaddingAndCaptionShrunkToItsMaximumWidth() {
        GridImages.Layout small = GridImages.layout(SMALL);
        GridLinks.EmbedSize natural = GridLinks.of(BASE, new GridRef(false, "bizkiL"), SMALL).embedSize();
        assertThat(natural).isEqualTo(new GridLinks.EmbedSize(small.width() + 16, small.height() + 16 + 24));

        GridData wide = GridData.filled(100, 10, true, 1, 2, 3, 20);
        GridLinks.EmbedSize shrunk = GridLinks.of(BASE, new GridRef(false, "bizkiL"), wide).embedSize();
        assertThat(shrunk.width()).isLessThanOrEqualTo(GridLinks.EMBED_MAX_WIDTH);
        assertThat(GridLinks.EmbedSize.of(GridImages.layout(wide), 200, 100).height()).isLessThanOrEqualTo(100);
    }

    @Test
    void theEmbedCodeIsALazyBorderlessIframe() {
        GridLinks links = GridLinks.of(BASE, new GridRef(false, "bizkiL"), SMALL);
        assertThat(links.embedCode()).startsWith("<iframe src=\"" + BASE + "/embed/bizkiL\" width=\"" + links.embedSize().width() + "\"")
                .contains("loading=\"lazy\"").contains("style=\"border:0\"").endsWith("></iframe>");
    }
}
