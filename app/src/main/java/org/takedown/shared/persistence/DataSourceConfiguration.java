package org.takedown.shared.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL connection pool: to the external database named by {@code takedown.db.url}, or to the embedded
 * server started here when none is named.
 *
 * <p>Two roles: the schema's owner runs the migrations, and the application's login gets, after every migration
 * ({@code afterMigrate.sql}), what it needs: reading and writing the tables, but only reading and appending to the
 * audit log. So the running application (or whoever takes its login) cannot switch off the audit log's guard or
 * rewrite its rows.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DataSourceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${takedown.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
        return EmbeddedDatabase.start(
                properties.embedded().dataDir(),
                properties.embedded().port(),
                properties.embedded().serverSettings());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("takedown");
        config.setMaximumPoolSize(properties.maxPoolSize());
        config.setConnectionTimeout(properties.connectTimeout().toMillis());
        if (properties.isEmbedded()) {
            EmbeddedDatabase database = embedded.getObject();
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername(database.username());
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        return new HikariDataSource(config);
    }

    /** Migrations run as the owner, who then grants the application's login its rights. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(
            DatabaseProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        return flyway -> {
            if (properties.isEmbedded()) {
                EmbeddedDatabase database = embedded.getObject();
                flyway.dataSource(database.jdbcUrl(), database.ownerUsername(), "");
                flyway.placeholders(Map.of("app_role", database.username()));
            } else if (properties.hasOwner()) {
                flyway.dataSource(
                        properties.url(), properties.ownerUsername(), nullToEmpty(properties.ownerPassword()));
                flyway.placeholders(Map.of("app_role", nullToEmpty(properties.username())));
            } else {
                flyway.placeholders(Map.of("app_role", ""));
            }
        };
    }

    /** Says so at start-up when the application's login owns the audit log (and so could rewrite it). */
    @Bean
    org.springframework.boot.ApplicationRunner auditGuardCheck(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return arguments -> {
            boolean owns = jdbc.sql("SELECT pg_get_userbyid(relowner) = current_user FROM pg_class"
                            + " WHERE relname = 'audit_log' AND relkind = 'r'")
                    .query(Boolean.class)
                    .optional()
                    .orElse(false);
            if (owns) {
                log.warn("The application's database login owns the audit log, so it could switch off its guard and"
                        + " rewrite it. Set TAKEDOWN_DB_OWNER_USERNAME (see README, Production).");
            }
        };
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
