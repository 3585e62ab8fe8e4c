package org.takedown.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.takedown.support.IntegrationTest;

/** With {@code takedown.db.url} set, Takedown uses that database and starts no embedded one. */
@IntegrationTest
class ExternalDatabaseIntegrationTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Value("${takedown.db.url}")
    String url;

    @Test
    void usesTheConfiguredDatabaseOnly() {
        assertThat(context.getBeanProvider(EmbeddedDatabase.class).getIfAvailable())
                .isNull();
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).isEqualTo(url);
    }
}
