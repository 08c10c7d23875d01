package dev.flowdesk.knowledge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** PostgreSQL's text search where the database is PostgreSQL; the simple search otherwise (H2). */
@Configuration
class ArticleSearchConfig {

    @Bean
    ArticleSearch articleSearch(DataSource dataSource, NamedParameterJdbcTemplate jdbc) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            return postgres ? new PostgresArticleSearch(jdbc) : new SimpleArticleSearch(jdbc);
        }
    }
}
