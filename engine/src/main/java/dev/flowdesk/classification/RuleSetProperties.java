package dev.flowdesk.classification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code flowdesk.rules.*}. {@code raw-drl-enabled} (default true) lets members of the {@code rule-developer} group
 * upload DRL text; set it to false where nobody should write rule code at all, since DRL is Java that runs on the
 * server — the allow-list check and the run-time limits fence it in, and switching it off removes it. Designers
 * keep testing, replaying and activating the stored versions either way.
 */
@ConfigurationProperties("flowdesk.rules")
record RuleSetProperties(@DefaultValue("true") boolean rawDrlEnabled) {
}
