package org.takedown.shared.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL connection pool: to the external database named by {@code takedown.db.url}, or to the embedded
 * server started here when none is named.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DataSourceConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${takedown.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties properties) {
        return EmbeddedDatabase.start(
                properties.embedded().dataDir(), properties.embedded().port());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(
            DatabaseProperties properties,
            org.springframework.beans.factory.ObjectProvider<EmbeddedDatabase> embedded) {
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
}
