package dev.flowdesk.security;

import dev.flowdesk.security.token.TokenScope;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every /api endpoint family maps to one scope by method; token management and unknown paths to none. */
class TokenScopeTest {

    @Test
    void endpointFamiliesMapToTheirReadOrWriteScope() {
        assertThat(TokenScope.requiredFor("GET", "/api/tickets")).contains(TokenScope.TICKETS_READ);
        assertThat(TokenScope.requiredFor("GET", "/api/tickets/7/conversation")).contains(TokenScope.TICKETS_READ);
        assertThat(TokenScope.requiredFor("POST", "/api/tickets")).contains(TokenScope.TICKETS_WRITE);
        assertThat(TokenScope.requiredFor("PATCH", "/api/tickets/7")).contains(TokenScope.TICKETS_WRITE);
        assertThat(TokenScope.requiredFor("POST", "/api/forms/report-incident/submissions"))
                .contains(TokenScope.TICKETS_WRITE);
        assertThat(TokenScope.requiredFor("GET", "/api/forms/report-incident")).contains(TokenScope.FORMS_READ);
        assertThat(TokenScope.requiredFor("PUT", "/api/forms/report-incident")).contains(TokenScope.DESIGN_WRITE);
        assertThat(TokenScope.requiredFor("HEAD", "/api/kb/articles")).contains(TokenScope.KB_READ);
        assertThat(TokenScope.requiredFor("POST", "/api/kb/articles")).contains(TokenScope.KB_WRITE);
        assertThat(TokenScope.requiredFor("GET", "/api/reports/overview.csv")).contains(TokenScope.REPORTS_READ);
        assertThat(TokenScope.requiredFor("GET", "/api/me/export")).contains(TokenScope.PROFILE_READ);
        assertThat(TokenScope.requiredFor("GET", "/api/admin/mail/mailboxes")).contains(TokenScope.ADMIN_READ);
    }

    @Test
    void tokenManagementAndUnknownPathsNeedASignInInstead() {
        assertThat(TokenScope.requiredFor("GET", "/api/me/tokens")).isEqualTo(Optional.empty());
        assertThat(TokenScope.requiredFor("POST", "/api/me/tokens")).isEmpty();
        assertThat(TokenScope.requiredFor("DELETE", "/api/me/tokens/4")).isEmpty();
        assertThat(TokenScope.requiredFor("POST", "/api/admin/tokens")).isEmpty();
        assertThat(TokenScope.requiredFor("GET", "/api/ticketsX")).isEmpty();
        assertThat(TokenScope.requiredFor("GET", "/api/something-new")).isEmpty();
        assertThat(TokenScope.requiredFor("POST", "/api/reports/overview")).isEmpty();
        assertThat(TokenScope.requiredFor("GET", "/api/forms/x/submissions")).isEmpty();
    }
}
