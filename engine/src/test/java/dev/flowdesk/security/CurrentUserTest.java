package dev.flowdesk.security;

import dev.flowdesk.error.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one way to require a role: administrators pass everywhere; everyone else needs one of the named roles. */
class CurrentUserTest {

    private static CurrentUser user(Role... roles) {
        return new CurrentUser("u", "U", "u@example.com", List.of(), Set.of(roles), null);
    }

    @Test
    void aUserWithOneOfTheRolesPasses() {
        assertThatCode(() -> user(Role.USER, Role.APPROVER).requireAny("no", Role.AGENT, Role.APPROVER))
                .doesNotThrowAnyException();
        assertThatCode(() -> user(Role.USER, Role.ADMIN).requireAny("no", Role.DESIGNER)).doesNotThrowAnyException();
    }

    @Test
    void anyoneElseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> user(Role.USER, Role.AGENT).requireAny("Only process designers deploy.",
                Role.DESIGNER)).isInstanceOf(DomainException.Refused.class)
                .hasMessage("Only process designers deploy.");
        assertThatThrownBy(() -> user(Role.USER).requireAny("Only agents.", Role.AGENT))
                .isInstanceOf(DomainException.Refused.class);
    }
}
