package dev.flowdesk.diff;

import java.time.Instant;

/**
 * One version of a designer artefact (process model, form, rule set, mail template) as every versions list shows
 * it: the number, who made it, when and why. Version 0 is what Flowdesk ships where an artefact has a shipped
 * original (built-in forms, mail templates); {@code current} marks the version in use.
 */
public record VersionEntry(int version, String author, Instant at, String comment, boolean current) {
}
