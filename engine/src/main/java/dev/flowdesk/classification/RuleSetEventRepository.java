package dev.flowdesk.classification;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface RuleSetEventRepository extends JpaRepository<RuleSetEvent, Long> {

    List<RuleSetEvent> findByNameOrderByAtAscIdAsc(String name);
}
