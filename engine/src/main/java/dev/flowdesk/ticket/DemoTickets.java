package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Demo profile only: a few tickets of alice's so that a first look at Flowdesk is not an empty screen. */
@Component
@ConditionalOnProperty(name = "flowdesk.demo.enabled", havingValue = "true")
class DemoTickets {

    private final TicketService tickets;
    private final TicketRepository repository;

    DemoTickets(TicketService tickets, TicketRepository repository) {
        this.tickets = tickets;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(100) // after the rule sets are loaded
    void seed() {
        if (repository.count() > 0) {
            return;
        }
        CurrentUser alice = new CurrentUser("alice", "Alice Requester", "alice@example.com", List.of(),
                Set.of(Role.USER), null);
        tickets.open(new NewTicket("INCIDENT", "WEB", "Outlook keeps asking for my password",
                "Since this morning Outlook asks for my password every few minutes.", "alice", "MEDIUM", "HIGH",
                null, Map.of(), null), alice);
        tickets.open(new NewTicket("INCIDENT", "WEB", "Drucker im 3. Stock druckt nicht",
                "Papierstau, die Anzeige blinkt rot.", "alice", "LOW", "MEDIUM", null, Map.of(), null), alice);
        tickets.open(new NewTicket("INCIDENT", "EMAIL", "VPN disconnects every hour",
                "Working from home, the VPN drops hourly.", "alice@example.com", "MEDIUM", "MEDIUM", null,
                Map.of(), null), alice);
    }
}
