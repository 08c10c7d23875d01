package dev.flowdesk.knowledge;

import org.springframework.data.jpa.repository.JpaRepository;

interface KbArticleRepository extends JpaRepository<KbArticle, Long> {
}
