package dev.flowdesk.workflow.delegate;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Set;

/** Who a process step acts for: the signed-in user whose request drove the engine, else the system. */
final class Actors {

    static final CurrentUser SYSTEM = new CurrentUser("system", "Flowdesk", null, List.of(), Set.of(Role.AGENT), null);

    private Actors() {
    }

    static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? SYSTEM.id() : auth.getName();
    }

    static long ticketId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        Object id = scope.getVariable("ticketId");
        if (!(id instanceof Number n)) {
            throw new IllegalStateException("the process has no ticketId variable");
        }
        return n.longValue();
    }

    static String text(org.camunda.bpm.engine.delegate.VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }
}
