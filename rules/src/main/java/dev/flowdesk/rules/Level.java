package dev.flowdesk.rules;

/** Impact or urgency on the ITIL three-step scale. */
public enum Level { LOW, MEDIUM, HIGH }
