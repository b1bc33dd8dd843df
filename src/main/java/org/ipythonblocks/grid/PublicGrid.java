package org.ipythonblocks.grid;

import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A grid anyone may come across: shown by {@code /random}, addressed by the public-salt hash id. */
@Entity
@Table(name = "public_grids")
@Immutable
public class PublicGrid extends Grid {

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
                select (select id from public_grids where id >= picks.target and %s order by id limit 1) from picks""".formatted(VISIBLE))
                .setParameter("count", count)
                .getResultList();
        return ids.stream().filter(java.util.Objects::nonNull).map(Number::longValue).toList();
    }

    /** A grid a crawler may list: its row id and the UTC day it was posted ({@code YYYY-MM-DD}). */
    public record Listed(long id, String postedOn) {
    }

    /**
     * The public grids with row ids in ({@code after}, {@code upTo}] that anyone may see (not hidden,
     * not deleted), by id: one range scan of the primary key, however big the table (a keyset
     * range, never {@code OFFSET}). Secret grids live in another table and are never here.
     */
    @SuppressWarnings("unchecked")
    public static List<Listed> listedInRange(long after, long upTo) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') from public_grids
                where id > :after and id <= :upTo and %s and not secret
                order by id""".formatted(VISIBLE))
                .setParameter("after", after).setParameter("upTo", upTo)
                .getResultList();
        return rows.stream().map(row -> new Listed(((Number) row[0]).longValue(), (String) row[1])).toList();
    }

    /** The highest public row id ever given out (hidden and deleted rows included), or 0 when there is none. */
    public static long maxId() {
        Number max = (Number) getEntityManager().createNativeQuery("select max(id) from public_grids").getSingleResult();
        return max == null ? 0 : max.longValue();
    }
}
