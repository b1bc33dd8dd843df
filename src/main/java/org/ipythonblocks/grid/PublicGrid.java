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
                .createNativeQuery("select grid_data::text from public_grids where id = :id and hidden_at is null", String.class)
                .setParameter("id", id)
                .getResultStream().map(String.class::cast).findFirst();
    }

    /**
     * A random public grid without {@code ORDER BY random()}: pick a random point in the id range and
     * take the first id at or after it (ids are dense, as identities are; gaps only skew the odds a
     * little). Two index lookups whatever the table size.
     */
    public static Optional<Long> findRandomId() {
        Object[] range = (Object[]) getEntityManager()
                .createNativeQuery("select min(id), max(id) from public_grids where hidden_at is null")
                .getSingleResult();
        if (range[0] == null) {
            return Optional.empty();
        }
        long min = ((Number) range[0]).longValue();
        long max = ((Number) range[1]).longValue();
        long pick = min + java.util.concurrent.ThreadLocalRandom.current().nextLong(max - min + 1);
        return getEntityManager()
                .createNativeQuery("select id from public_grids where id >= :pick and hidden_at is null order by id limit 1", Long.class)
                .setParameter("pick", pick)
                .getResultStream().map(n -> ((Number) n).longValue()).findFirst();
    }
}
