package dev.flowdesk.ticket;

import java.util.Map;

/**
 * What it takes to open a ticket, whatever the channel.
 *
 * @param type         INCIDENT, SERVICE_REQUEST, CHANGE or PROBLEM
 * @param channel      WEB, EMAIL, API or PHONE
 * @param requester    user id or e-mail address of the person who asked
 * @param categoryHint category chosen on a form, or null
 * @param fields       further typed form values, stored with the ticket and given to the rules
 * @param processKey   the process definition to start (null: the type's default process)
 */
public record NewTicket(String type, String channel, String subject, String description, String requester,
                        String impact, String urgency, String categoryHint, Map<String, Object> fields,
                        String processKey) {

    public NewTicket {
        fields = fields == null ? Map.of() : fields.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
