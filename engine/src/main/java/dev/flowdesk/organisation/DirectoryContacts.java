package dev.flowdesk.organisation;

import dev.flowdesk.security.ExternalSignIn;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A person who signs in through a directory or identity provider gets her contact on that first sign-in, not only on
 * her first ticket: created in the organisation owning her address's domain ({@link RequesterProfiles}), or, when a
 * contact with her address already exists (she wrote by mail before), linked to her user id if it names nobody yet.
 */
@Component
class DirectoryContacts {

    private final RequesterProfiles profiles;
    private final NamedParameterJdbcTemplate jdbc;

    DirectoryContacts(RequesterProfiles profiles, NamedParameterJdbcTemplate jdbc) {
        this.profiles = profiles;
        this.jdbc = jdbc;
    }

    @EventListener
    void signedIn(ExternalSignIn signIn) {
        if (signIn.email() == null || signIn.email().isBlank()) {
            return;
        }
        profiles.forRequester(signIn.userId(), signIn.email(), signIn.name()).ifPresent(profile ->
                jdbc.update("UPDATE contact SET user_id = :user WHERE id = :id AND user_id IS NULL",
                        Map.of("user", signIn.userId(), "id", profile.contactId())));
    }
}
