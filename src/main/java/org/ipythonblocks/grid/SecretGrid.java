package org.ipythonblocks.grid;

import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * A grid only reachable by its link. Grids posted here get a random {@link #token} as their id;
 * grids from the old site have none and keep their legacy hash id (the secret-salt hash of the row id).
 */
@Entity
@Table(name = "secret_grids")
@Immutable
public class SecretGrid extends GridColumns {

    /** The unguessable id of a grid posted on this site; null for legacy grids. */
    public String token;

    public static Optional<SecretGrid> findByToken(String token) {
        return find("token", token).firstResultOptional();
    }

    /** A legacy secret grid by row id; grids that have a token are never found this way. */
    public static Optional<SecretGrid> findLegacy(long id) {
        return find("id = ?1 and token is null", id).firstResultOptional();
    }


}
