package dev.flowdesk.security.token;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.UserDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/me/tokens}: a signed-in user's own API tokens; {@code /api/admin/tokens}: an administrator's tokens for
 * service accounts (any existing user). No token can call either ({@link TokenScope}).
 */
@RestController
class TokenController {

    private final ApiTokens tokens;
    private final UserDirectory directory;
    private final dev.flowdesk.security.AccountLock lock;

    TokenController(ApiTokens tokens, UserDirectory directory, dev.flowdesk.security.AccountLock lock) {
        this.lock = lock;
        this.tokens = tokens;
        this.directory = directory;
    }

    /** An administrator's request: for whom, and the same fields as a user's own. */
    @dev.flowdesk.web.StrictBody
    record AdminRequest(String userId, String name, List<String> scopes, Instant expiresAt) {
    }

    @PostMapping("/api/me/tokens")
    ResponseEntity<ApiTokens.Created> create(@RequestBody(required = false) ApiTokens.Request request) {
        CurrentUser user = CurrentUsers.require();
        ApiTokens.Created created = tokens.create(user.id(), user.id(), request);
        return ResponseEntity.created(URI.create("/api/me/tokens/" + created.id())).body(created);
    }

    @GetMapping("/api/me/tokens")
    List<ApiTokens.TokenInfo> mine() {
        return tokens.list(CurrentUsers.require().id());
    }

    @DeleteMapping("/api/me/tokens/{id}")
    ApiTokens.TokenInfo revoke(@PathVariable long id) {
        return tokens.revoke(CurrentUsers.require().id(), id);
    }

    @PostMapping("/api/admin/tokens")
    ResponseEntity<ApiTokens.Created> createFor(@RequestBody(required = false) AdminRequest request) {
        CurrentUser admin = requireAdmin();
        if (request == null) {
            throw DomainException.badRequest("a body {userId, name, scopes[], expiresAt} is required");
        }
        if (request.userId() == null || directory.byId(request.userId()).isEmpty()) {
            throw DomainException.invalid("userId", "names no user");
        }
        if (lock.isDisabled(request.userId())) {
            throw DomainException.invalid("userId", "names a disabled account");
        }
        ApiTokens.Created created = tokens.create(request.userId(), admin.id(),
                new ApiTokens.Request(request.name(), request.scopes(), request.expiresAt()));
        return ResponseEntity.created(URI.create("/api/admin/tokens/" + created.id())).body(created);
    }

    /** One user's tokens, or (without {@code userId}) every user's, newest first, at most 500. */
    @GetMapping("/api/admin/tokens")
    List<ApiTokens.TokenInfo> ofUser(@RequestParam(required = false) String userId) {
        requireAdmin();
        return userId == null || userId.isBlank() ? tokens.listAll() : tokens.list(userId);
    }

    @DeleteMapping("/api/admin/tokens/{id}")
    ApiTokens.TokenInfo revokeAny(@PathVariable long id) {
        requireAdmin();
        return tokens.revokeAny(id);
    }

    private static CurrentUser requireAdmin() {
        CurrentUser user = CurrentUsers.require();
        if (!user.isAdmin()) {
            throw DomainException.refused("Only administrators manage other users' tokens.");
        }
        return user;
    }
}
