package dev.flowdesk.security;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/me}: who is signed in, and the language of their profile (Camunda user info {@code language}, null
 * when none), which the browser app speaks unless the user chose another on their device.
 */
@RestController
class MeController {

    private final UserDirectory directory;

    MeController(UserDirectory directory) {
        this.directory = directory;
    }

    record Me(String id, String name, String email, List<String> groups, List<String> roles, String tenant,
              String language) {
    }

    @GetMapping("/api/me")
    Me me() {
        CurrentUser user = CurrentUsers.require();
        return new Me(user.id(), user.name(), user.email(), user.groups(),
                user.roles().stream().map(Enum::name).sorted().toList(), user.tenant(), directory.language(user.id()));
    }
}
