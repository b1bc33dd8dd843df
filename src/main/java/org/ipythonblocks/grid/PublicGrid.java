package org.ipythonblocks.grid;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A grid anyone may come across: shown by {@code /random}, addressed by the public-salt hash id. */
@Entity
@Table(name = "public_grids")
@Immutable
public class PublicGrid extends GridColumns {

    /** The row a public id names, by the row id its hash decodes to ({@link GridRowLookup}). */
    static final String BY_ID = "id = :key";

    /**
     * Random public grid ids without {@code ORDER BY random()}: for each of {@code count} draws, a
     * random point in the id range and the first id at or after it, in one statement. Ids are dense,
     * as identities are, so gaps only skew the odds a little; each draw is three index probes however
     * big the table is. Empty when there is no public grid.
     */
    @SuppressWarnings("unchecked")
    public static List<Long> findRandomIds(int count) {
        // The picks are materialized so that random() runs once per draw and the lookup is an index range.
        List<Number> ids = getEntityManager().createNativeQuery("""
                with range as (select min(id) as low, max(id) - min(id) + 1 as span from public_grids),
                picks as materialized (
                    select range.low + floor(random() * range.span)::bigint as target
                    from range, generate_series(1, :count)
                    where range.low is not null)
                select (select id from public_grids where id >= picks.target and hidden_at is null and deleted_at is null order by id limit 1) from picks""")
                .setParameter("count", count)
                .getResultList();
        return ids.stream().filter(java.util.Objects::nonNull).map(Number::longValue).toList();
    }
}
