package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.grid.web.TakedownNotificationsTest;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Heroku Postgres plan allows so many connections in all (20 on the Essential plans); each dyno
 * holds 10 or less however many requests wait (a pool of 9 and the takedown listener's own), the
 * figure docs/operations.md's "Connection budget" counts on.
 */
@QuarkusTest
class ConnectionPoolTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void thePoolHoldsAtMostNineConnectionsByDefault() {
        assertThat(dataSource.getConfiguration().connectionPoolConfiguration().maxSize()).isEqualTo(9);
    }

    @Test
    void thirtyConcurrentDatabaseUsersNeverOpenMoreThanTenConnections() throws Exception {
        TakedownNotificationsTest.awaitListening(jdbcUrl); // its connection counts too
        AtomicInteger peak = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(31);
        try (Connection monitor = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            Future<?> watcher = pool.submit(() -> {
                while (running.get()) {
                    try (ResultSet rs = monitor.createStatement().executeQuery(
                            "select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()"
                                    + " and datname = current_database()")) {
                        rs.next();
                        peak.accumulateAndGet(rs.getInt(1), Math::max);
                    }
                    Thread.sleep(20);
                }
                return null;
            });
            List<Future<?>> users = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                users.add(pool.submit(() -> QuarkusTransaction.requiringNew().run(
                        () -> em.createNativeQuery("select pg_sleep(0.3)").getSingleResult())));
            }
            for (Future<?> user : users) {
                user.get(); // every one got a connection in the end: waiting, not failing
            }
            running.set(false);
            watcher.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(peak.get()).as("connections open at once").isLessThanOrEqualTo(10).isGreaterThanOrEqualTo(5);
    }
}
