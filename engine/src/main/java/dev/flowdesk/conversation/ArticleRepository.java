package dev.flowdesk.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

interface ArticleRepository extends JpaRepository<Article, Long> {

    List<Article> findByTicketIdAndVisibilityInOrderByCreatedAtAscIdAsc(Long ticketId,
                                                                        Collection<Article.Visibility> visibilities);
}
