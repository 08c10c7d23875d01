package dev.flowdesk.asset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code flowdesk.cmdb.*}: how the CMDB weighs a ticket's configuration item for the rules.
 *
 * @param manyDependants from how many dependants on (CIs that run on, depend on or are part of the CI, transitively:
 *                       what its impact analysis lists) the rules' fact {@code configurationItem.manyDependants}
 *                       is true, which the shipped priority rules raise an incident for
 */
@ConfigurationProperties("flowdesk.cmdb")
public record CmdbProperties(@DefaultValue("10") int manyDependants) {
}
