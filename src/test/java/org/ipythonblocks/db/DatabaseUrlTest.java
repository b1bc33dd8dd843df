package org.ipythonblocks.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void herokuUrlBecomesJdbcWithSslRequired() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u1abc:p4ss@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9xyz", "require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9xyz?sslmode=require");
        assertThat(url.username()).contains("u1abc");
        assertThat(url.password()).contains("p4ss");
    }

    @Test
    void urlEncodedUserAndPasswordAreDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%3Aa%2Fs%25s%20w+rd@db.example:6543/grids", "require");
        assertThat(url.username()).contains("us@er");
        assertThat(url.password()).contains("p:a/s%s w+rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/grids?sslmode=require");
    }

    @Test
    void portDefaultsTo5432() {
        assertThat(DatabaseUrl.parse("postgres://u:p@db.example/grids", "require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5432/grids?sslmode=require");
    }

    @Test
    void anSslModeInTheUrlWinsOverTheDefault() {
        assertThat(DatabaseUrl.parse("postgres://u:p@localhost:5432/grids?sslmode=disable", "require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/grids?sslmode=disable");
        assertThat(DatabaseUrl.parse("postgres://u:p@localhost/grids?application_name=ipb", "verify-full").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/grids?application_name=ipb&sslmode=verify-full");
    }

    @Test
    void noDefaultSslModeAddsNone() {
        assertThat(DatabaseUrl.parse("postgres://localhost/grids", null).jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost:5432/grids");
        assertThat(DatabaseUrl.parse("postgres://localhost/grids", null).username()).isEmpty();
    }

    @Test
    void userWithoutPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://grids@localhost/grids", "require");
        assertThat(url.username()).contains("grids");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void jdbcUrlsPassThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5433/x?user=a&password=b", "require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/x?user=a&password=b");
    }

    @Test
    void passwordsNeverShowInToString() {
        assertThat(DatabaseUrl.parse("postgres://u:s3cr3t@localhost/grids", "require").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void unusableUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> DatabaseUrl.parse("", "require")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@localhost/grids", "require")).hasMessageContaining("postgres://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@localhost", "require")).hasMessageContaining("names no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///grids", "require")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:p@local host/grids", "require")).hasMessageContaining("not a URL");
    }
}
