package dev.flowdesk.mail.admin;

import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.ticket.TicketType;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A mailbox as an admin sends it. On create, {@code url} and {@code address} are required and the rest defaults; on
 * update a field left out (null) keeps its stored value, an empty {@code queue} or {@code process} clears it, and
 * the password is kept unless a new one comes (in {@code password}, or inside {@code url}).
 *
 * @param url          {@code imap://user@host:port/FOLDER} or {@code imaps://...}, optionally with {@code user:password@}
 * @param password     the login password; wins over one inside {@code url}
 * @param pollInterval ISO-8601 duration, {@link #MIN_POLL} to {@link #MAX_POLL}
 * @param version      the version the admin edited (required on update)
 */
public record MailboxInput(String url, String password, String address, String queue, String type, String process,
                           String pollInterval, Boolean enabled, Boolean idle, Integer version) {

    static final Duration MIN_POLL = Duration.ofSeconds(10);
    static final Duration MAX_POLL = Duration.ofDays(1);
    static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

    /**
     * The mailbox this input makes of {@code before} (null: a new one), or the fields at fault. Existence checks
     * that need the engine (queue, process) are the caller's.
     */
    Result apply(Mailbox before, String actor, java.time.Instant now) {
        List<FieldError> errors = new ArrayList<>();
        String newUrl = before == null ? null : before.url();
        String newPassword = before == null ? null : before.password();
        if (url != null || before == null) {
            String[] checked = url(errors);
            if (checked != null) {
                newUrl = checked[0];
                if (checked[1] != null && !checked[1].isEmpty()) {
                    newPassword = checked[1];
                }
            }
        }
        if (password != null && !password.isEmpty()) {
            if (password.length() > 1000 || password.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                errors.add(new FieldError("password", "must be one line of at most 1000 characters"));
            }
            newPassword = password;
        }
        String newAddress = before == null ? null : before.address();
        if (address != null || before == null) {
            newAddress = address(errors);
        }
        String newType = before == null ? TicketType.INCIDENT.name() : before.type();
        if (type != null) {
            newType = type.strip().toUpperCase(Locale.ROOT);
            if (Arrays.stream(TicketType.values()).noneMatch(t -> t.name().equals(type.strip().toUpperCase(Locale.ROOT)))) {
                errors.add(new FieldError("type", "must be one of " + Arrays.stream(TicketType.values())
                        .map(Enum::name).collect(Collectors.joining(", "))));
            }
        }
        String newQueue = optional(queue, before == null ? null : before.queue(), "queue", 64, errors);
        String newProcess = optional(process, before == null ? null : before.process(), "process", 255, errors);
        Duration newPoll = before == null ? DEFAULT_POLL : before.pollInterval();
        if (pollInterval != null) {
            try {
                newPoll = Duration.parse(pollInterval.strip());
                if (newPoll.compareTo(MIN_POLL) < 0 || newPoll.compareTo(MAX_POLL) > 0) {
                    errors.add(new FieldError("pollInterval", "must be between " + MIN_POLL + " and " + MAX_POLL));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("pollInterval", "must be an ISO-8601 duration such as PT30S"));
            }
        }
        if (before != null && version == null) {
            errors.add(new FieldError("version", "is required: the version you edited"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new Mailbox(before == null ? 0 : before.id(), newUrl, newPassword, newAddress, newQueue,
                newType, newProcess, newPoll, enabled != null ? enabled : before == null || before.enabled(),
                idle != null ? idle : before == null || before.idle(), before == null ? 1 : version, actor, now),
                List.of());
    }

    /** The mailbox to store, or the fields at fault. */
    record Result(Mailbox mailbox, List<FieldError> errors) {
    }

    /** {url without password, password or null}, or null with an error recorded. */
    private String[] url(List<FieldError> errors) {
        String value = url == null ? "" : url.strip();
        if (value.isEmpty()) {
            errors.add(new FieldError("url", "is required: imap://user@host/INBOX or imaps://user@host/INBOX"));
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!"imap".equals(uri.getScheme()) && !"imaps".equals(uri.getScheme())) {
                errors.add(new FieldError("url", "must start with imap:// or imaps://"));
            } else if (uri.getHost() == null) {
                errors.add(new FieldError("url", "must name a host: imaps://user@host/INBOX"));
            } else if (uri.getUserInfo() == null || uri.getUserInfo().startsWith(":")) {
                errors.add(new FieldError("url", "must name the user who logs in: imaps://user@host/INBOX"));
            } else if (uri.getQuery() != null || uri.getFragment() != null) {
                errors.add(new FieldError("url", "must not have a query or fragment"));
            } else if (value.length() > 1000) {
                errors.add(new FieldError("url", "must be at most 1000 characters"));
            } else {
                return Mailbox.splitPassword(value);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            errors.add(new FieldError("url", "is not a valid URL: " + e.getMessage()));
        }
        return null;
    }

    private String address(List<FieldError> errors) {
        String value = address == null ? "" : address.strip();
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            if (!parsed.getAddress().equals(value) || !value.contains("@") || value.length() > 254) {
                throw new AddressException("not a bare address");
            }
            return value.toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            errors.add(new FieldError("address", "must be an e-mail address such as support@example.com"));
            return null;
        }
    }

    private static String optional(String given, String stored, String field, int max, List<FieldError> errors) {
        if (given == null) {
            return stored;
        }
        String value = given.strip();
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return value.isEmpty() ? null : value;
    }
}
