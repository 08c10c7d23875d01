package dev.flowdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Weak entity tags ({@code W/"…"}, RFC 9110 §8.8.3) for the lists and pages the browser polls: a digest of a few
 * cheap facts the caller's answer depends on (counts, versions, latest change), taken inside the caller's access
 * scope, so an unchanged answer costs a {@code 304} and no rendering. The user's id and roles go into the digest
 * as well: two users never share a tag, and a tag tells nothing about rows one may not see. Weak, because equal tags
 * promise the same content, not the same bytes. Polling with {@code If-None-Match} works behind any proxy and on
 * any node without sticky sessions, since every node computes the same tag from the shared database.
 */
public final class EntityTags {

    private EntityTags() {
    }

    /** The tag of an answer for {@code user} that depends on {@code facts} (null facts are allowed). */
    public static String of(CurrentUser user, Object... facts) {
        StringBuilder text = new StringBuilder(user.id()).append('|').append(user.roles().stream().sorted().toList())
                .append('|').append(user.groups()).append('|').append(user.tenant());
        for (Object fact : facts) {
            text.append('|').append(Objects.toString(fact));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
