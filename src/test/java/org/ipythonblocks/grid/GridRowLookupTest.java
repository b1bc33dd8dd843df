package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.ipythonblocks.grid.GridRowLookup.Kind;
import org.junit.jupiter.api.Test;

/** Which row an id names, with the test salts (row 1 is bizkiL in public, MiXoi4 in secret). */
class GridRowLookupTest {

    static final GridIds IDS = new GridIds("public", "secret", 6);

    @Test
    void aPublicIdNamesItsRowById() {
        assertThat(GridRowLookup.of(IDS, new GridRef(false, "bizkiL"))).contains(new GridRowLookup(Kind.PUBLIC, 1L));
    }

    @Test
    void aLegacySecretIdNamesItsRowOnlyAmongRowsWithoutAToken() {
        assertThat(GridRowLookup.of(IDS, new GridRef(true, "MiXoi4"))).contains(new GridRowLookup(Kind.LEGACY_SECRET, 1L));
        assertThat(Kind.LEGACY_SECRET.where).contains("token is null");
    }

    @Test
    void aTokenNamesASecretRowByToken() {
        assertThat(GridRowLookup.of(IDS, new GridRef(true, "AbCdEfGhIjKlMnOpQrSt")))
                .contains(new GridRowLookup(Kind.SECRET_TOKEN, "AbCdEfGhIjKlMnOpQrSt"));
    }

    @Test
    void idsOfTheOtherSpaceOrNotCanonicalNameNoRow() {
        assertThat(GridRowLookup.of(IDS, new GridRef(false, "MiXoi4"))).isEmpty();
        assertThat(GridRowLookup.of(IDS, new GridRef(true, "bizkiL"))).isEmpty();
        assertThat(GridRowLookup.of(IDS, new GridRef(false, "bizkiLx"))).isEmpty();
        // a token's shape on the public route is decoded as a hash id, never looked up as a token
        assertThat(GridRowLookup.of(IDS, new GridRef(false, "AbCdEfGhIjKlMnOpQrSt")).map(GridRowLookup::kind).filter(k -> k != Kind.PUBLIC)).isEmpty();
    }
}
