package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;
import java.util.Set;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ticket controller as a slice: HTTP in, one service call, HTTP out — and domain failures as problem+json with
 * their statuses. The use cases behind it are covered by the end-to-end tests on PostgreSQL.
 */
@WebMvcTest(TicketController.class)
class TicketControllerTest {

    private static final CurrentUser BOB = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
            Set.of(Role.USER, Role.AGENT), null);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    TicketService service;
    @MockitoBean
    TicketQueries queries;
    @MockitoBean
    TicketLiveTags tags;

    private static RequestPostProcessor signedIn(CurrentUser user) {
        return authentication(new UsernamePasswordAuthenticationToken(user, null,
                user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
    }

    @Test
    void createPassesTheBodyToOneUseCaseAndAnswers201WithItsLocation() throws Exception {
        when(service.openDirectly(any(), eq(BOB))).thenReturn(new OpenedTicket(7, "FD-000007", "pi-7"));

        mvc.perform(post("/api/tickets").with(signedIn(BOB)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"INCIDENT\",\"subject\":\"Printer\",\"channel\":\"phone\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/tickets/7"))
                .andExpect(jsonPath("$.number").value("FD-000007"));

        verify(service).openDirectly(eq(new NewTicket("INCIDENT", "phone", "Printer", null, null, null, null, null,
                null, null)), eq(BOB));
    }

    @Test
    void domainFailuresBecomeProblemsWithTheirStatusAndFields() throws Exception {
        when(service.openDirectly(any(), any())).thenThrow(DomainException.invalid("subject", "is required"));
        mvc.perform(post("/api/tickets").with(signedIn(BOB)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"INCIDENT\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].path").value("subject"));

        when(queries.get(eq(99L), any())).thenThrow(DomainException.notFound("ticket 99"));
        mvc.perform(get("/api/tickets/99").with(signedIn(BOB)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("ticket 99 not found"));

        when(queries.get(eq(5L), any())).thenThrow(DomainException.refused("Only agents."));
        mvc.perform(get("/api/tickets/5").with(signedIn(BOB))).andExpect(status().isForbidden());
    }

    @Test
    void badParametersAndBodiesAnswer400NamingTheField() throws Exception {
        mvc.perform(get("/api/tickets/abc").with(signedIn(BOB)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("id"));
        mvc.perform(post("/api/tickets").with(signedIn(BOB)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"type\":\"INCIDENT\",\"subject\":\"a\\u0000b\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].path").value("subject"));
    }
}
