package dev.flowdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Users as channels without a sign-in see them: the mail channel knows a sender only by address and acts for the user
 * who has it, with that user's groups and roles (the same {@link CurrentUser} a sign-in would give).
 */
@Service
public class UserDirectory {

    private final IdentityService identity;
    private final CamundaIdentityAuthenticationProvider users;

    UserDirectory(IdentityService identity, CamundaIdentityAuthenticationProvider users) {
        this.identity = identity;
        this.users = users;
    }

    /** The user whose e-mail address this is (case-insensitive); empty when none or when several share it. */
    public Optional<CurrentUser> byEmail(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        List<User> found = identity.createUserQuery().userEmail(address).list();
        if (found.isEmpty() && !address.equals(address.toLowerCase(Locale.ROOT))) {
            found = identity.createUserQuery().userEmail(address.toLowerCase(Locale.ROOT)).list();
        }
        return found.size() == 1 ? Optional.of(users.load(found.get(0).getId())) : Optional.empty();
    }

    /** The user with this id, with groups and roles as a sign-in would give them; empty when there is none. */
    public Optional<CurrentUser> byId(String userId) {
        if (userId == null || userId.isBlank() || identity.createUserQuery().userId(userId).count() == 0) {
            return Optional.empty();
        }
        return Optional.of(users.load(userId));
    }

    /** The user's preferred language (Camunda user info {@code language}), or null. */
    public String language(String userId) {
        String language = identity.getUserInfo(userId, "language");
        return language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
    }
}
