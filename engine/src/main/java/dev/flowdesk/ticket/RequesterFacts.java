package dev.flowdesk.ticket;

import dev.flowdesk.organisation.RequesterProfiles;
import dev.flowdesk.organisation.RequesterProfiles.RequesterProfile;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * The requester as the rules see her: tier, VIP and tenant come from her stored contact and organisation
 * ({@link RequesterProfiles}), never from what a form or request body says, so nobody can raise her own SLA.
 */
@Component
class RequesterFacts {

    private final RequesterProfiles profiles;

    RequesterFacts(RequesterProfiles profiles) {
        this.profiles = profiles;
    }

    /** For a ticket being opened: a new sender or portal user becomes a contact here (by her address's domain). */
    TicketFacts.Requester forNewTicket(String requester, CurrentUser actor) {
        boolean self = actor.id().equals(requester);
        String email = requester.contains("@") ? requester : self ? actor.email() : null;
        Optional<RequesterProfile> profile = profiles.forRequester(requester, email, self ? actor.name() : null);
        return requester(requester, email, profile, self ? actor.tenant() : null);
    }

    /** For a stored ticket (re-classification, replays): the profile as it is now, nothing created. */
    TicketFacts.Requester forStoredTicket(Ticket ticket) {
        String requester = ticket.getRequester();
        String email = requester.contains("@") ? requester : null;
        return requester(requester, email, profiles.find(requester, email), null);
    }

    private static TicketFacts.Requester requester(String requester, String email, Optional<RequesterProfile> profile,
                                                   String userTenant) {
        String address = email != null ? email : null;
        return profile.map(p -> new TicketFacts.Requester(requester, address, domainOf(address), p.organisation(),
                        p.vip(), p.tenant() != null ? p.tenant() : userTenant, p.tier()))
                .orElseGet(() -> new TicketFacts.Requester(requester, address, domainOf(address), null, false,
                        userTenant, "STANDARD"));
    }

    private static String domainOf(String email) {
        return email == null ? null : email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
