package org.ipythonblocks.grid;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.ipythonblocks.IpbConfig;

/** Stores and finds grids; the one place that knows public from secret and ids from rows. */
@ApplicationScoped
public class GridService {

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

    /** Reads, validates and stores a posted body in one transaction; answers the grid's share URL. */
    public String post(InputStream body) {
        GridPost post = new GridPostReader(config.post().maxBodyBytes()).read(body);
        return config.publicBaseUrl() + "/" + store(post);
    }

    /** Stores a validated grid; answers its path relative to the site root ({@code bizkiL} or {@code secret/…}). */
    @Transactional
    public String store(GridPost post) {
        if (post.secret()) {
            SecretGrid grid = new SecretGrid();
            grid.fill(post);
            grid.token = ids.newSecretToken();
            grid.persist();
            return "secret/" + grid.token;
        }
        PublicGrid grid = new PublicGrid();
        grid.fill(post);
        grid.persist();
        return ids.publicId(grid.id);
    }

    public Optional<PublicGrid> findPublic(String id) {
        OptionalLong rowId = ids.decodePublic(id);
        return rowId.isPresent() ? PublicGrid.<PublicGrid>findByIdOptional(rowId.getAsLong()) : Optional.empty();
    }

    public Optional<SecretGrid> findSecret(String id) {
        if (GridIds.isToken(id)) {
            return SecretGrid.findByToken(id);
        }
        OptionalLong rowId = ids.decodeLegacySecret(id);
        return rowId.isPresent() ? SecretGrid.findLegacy(rowId.getAsLong()) : Optional.empty();
    }

    /** The stored {@code grid_data} JSON, exactly as PostgreSQL holds it, for {@code /get/...}. */
    public Optional<String> gridDataJson(String id, boolean secret) {
        if (secret) {
            if (GridIds.isToken(id)) {
                return SecretGrid.gridDataJsonByToken(id);
            }
            OptionalLong rowId = ids.decodeLegacySecret(id);
            return rowId.isPresent() ? SecretGrid.gridDataJsonLegacy(rowId.getAsLong()) : Optional.empty();
        }
        OptionalLong rowId = ids.decodePublic(id);
        return rowId.isPresent() ? PublicGrid.gridDataJson(rowId.getAsLong()) : Optional.empty();
    }

    /** The id of a random public grid, or empty when there is none. */
    public Optional<String> randomPublicId() {
        return PublicGrid.findRandomId().map(ids::publicId);
    }

    /** The id a grid is addressed by in URLs (without the {@code secret/} prefix). */
    public String idOf(GridColumns grid) {
        if (grid instanceof SecretGrid secret) {
            return secret.token != null ? secret.token : ids.legacySecretId(secret.id);
        }
        return ids.publicId(grid.id);
    }

    public long publicGridCount() {
        return PublicGrid.count();
    }
}
