package dev.flowdesk.workflow.dryrun;

import java.util.Map;

/**
 * A dry run: the draft BPMN (not deployed), the sample ticket's facts, and the form values each user task is
 * completed with (by task definition key; a task without values is completed without any).
 */
public record DryRunRequest(String bpmn, Facts facts, Map<String, Map<String, Object>> formValues) {

    public DryRunRequest {
        facts = facts == null ? new Facts(null, null, null, null, null, null, null, null, null) : facts;
        formValues = formValues == null ? Map.of() : formValues;
    }

    /**
     * The sample ticket as a channel would open it; {@code requester} defaults to the designer, {@code type} to
     * INCIDENT, {@code queue} (null) lets the rules route it.
     */
    public record Facts(String type, String channel, String subject, String description, String requester,
                        String impact, String urgency, String category, Map<String, Object> fields) {
    }
}
