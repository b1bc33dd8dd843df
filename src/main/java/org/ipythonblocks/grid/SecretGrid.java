package org.ipythonblocks.grid;

import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.panache.common.Parameters;

/**
 * A grid only reachable by its link. Grids posted here get a random {@link #token} as their id;
 * grids from the old site have none and keep their legacy hash id (the secret-salt hash of the row id).
 */
@Entity
@Table(name = "secret_grids")
@Immutable
public class SecretGrid extends Grid {

    /** The unguessable id of a grid posted on this site; null for legacy grids. */
    public String token;

    /** A grid posted here, by its token. */
    static final String BY_TOKEN = "token = :key";
    /** A legacy secret grid, by row id: grids that have a token are never found this way. */
    static final String LEGACY = "id = :key and token is null";

    public static Optional<SecretGrid> findByToken(String token) {
        return find(BY_TOKEN, Parameters.with("key", token)).firstResultOptional();
    }

    /** A legacy secret grid by row id; grids that have a token are never found this way. */
    public static Optional<SecretGrid> findLegacy(long id) {
        return find(LEGACY, Parameters.with("key", id)).firstResultOptional();
    }

}
