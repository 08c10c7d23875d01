package dev.flowdesk.classification;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface RuleSetVersionRepository extends JpaRepository<RuleSetVersion, Long> {

    List<RuleSetVersion> findByStatus(RuleSetVersion.Status status);

    List<RuleSetVersion> findByNameOrderByRuleVersionDesc(String name);

    Optional<RuleSetVersion> findByNameAndRuleVersion(String name, int ruleVersion);

    Optional<RuleSetVersion> findByNameAndStatus(String name, RuleSetVersion.Status status);

    @Query("select coalesce(max(v.ruleVersion), 0) from RuleSetVersion v where v.name = ?1")
    int maxVersion(String name);

    /** Name and version of every active rule set: what the live rule base must be built from. */
    @Query("select v.name, v.ruleVersion from RuleSetVersion v where v.status = 'ACTIVE'")
    List<Object[]> activeVersions();
}
