package dev.flowdesk.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/me}: who is signed in. */
@RestController
class MeController {

    record Me(String id, String name, String email, List<String> groups, List<String> roles, String tenant) {
    }

    @GetMapping("/api/me")
    Me me() {
        CurrentUser user = CurrentUsers.require();
        return new Me(user.id(), user.name(), user.email(), user.groups(),
                user.roles().stream().map(Enum::name).sorted().toList(), user.tenant());
    }
}
