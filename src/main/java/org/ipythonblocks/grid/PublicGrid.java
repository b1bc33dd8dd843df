package org.ipythonblocks.grid;

import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A grid anyone may come across: shown by {@code /random}, addressed by the public-salt hash id. */
@Entity
@Table(name = "public_grids")
@Immutable
public class PublicGrid extends GridColumns {

    /** The stored {@code grid_data} as PostgreSQL renders the jsonb, without building a {@link GridData}. */
    public static Optional<String> gridDataJson(long id) {
        return getEntityManager()
                .createNativeQuery("select grid_data::text from public_grids where id = :id", String.class)
                .setParameter("id", id)
                .getResultStream().map(String.class::cast).findFirst();
    }

    /**
     * A random public grid without {@code ORDER BY random()}: one statement that picks a random point
     * in the id range and takes the first id at or after it. Ids are dense, as identities are, so gaps
     * only skew the odds a little; it costs three index probes however big the table is.
     */
    public static Optional<Long> findRandomId() {
        return getEntityManager().createNativeQuery("""
                select id from public_grids
                where id >= (select min(id) + floor(random() * (max(id) - min(id) + 1))::bigint from public_grids)
                order by id limit 1""", Long.class)
                .getResultStream().map(n -> ((Number) n).longValue()).findFirst();
    }
}
