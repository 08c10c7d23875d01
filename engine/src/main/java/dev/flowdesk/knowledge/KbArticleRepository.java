package dev.flowdesk.knowledge;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface KbArticleRepository extends JpaRepository<KbArticle, Long> {

    /**
     * What a search hit shows, without loading the articles' bodies and their HTML: id, title, the first 400
     * characters of the text, visibility, status, language and category.
     */
    @Query("SELECT a.id, a.title, substring(a.bodyText, 1, 400), a.visibility, a.status, a.language, a.category"
            + " FROM KbArticle a WHERE a.id IN :ids")
    List<Object[]> summaryRows(@Param("ids") Collection<Long> ids);
}
