package dev.flowdesk.mail;

import jakarta.mail.URLName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One polled IMAP(S) mailbox as stored in {@code mailbox}. The {@link #url} carries no password (it is what admins
 * and logs see); the {@link #password} travels separately and is only put together with the URL when connecting, so
 * that no view, log line or {@link #toString()} can show it.
 *
 * @param url          {@code imap://user@host:port/INBOX} or {@code imaps://...}, without a password
 * @param address      the address customers write to (lower case; never a requester or watcher of our tickets)
 * @param queue        the queue new tickets from this mailbox go to (null: the rules decide)
 * @param type         the ticket type of new tickets
 * @param process      the process new tickets start (null: the type's default process)
 * @param pollInterval how often the clustered job polls it (the safety net when IMAP IDLE wakes it earlier)
 * @param enabled      polled at all
 * @param idle         watched with IMAP IDLE where the server offers it (and {@code flowdesk.mail.idle} is on)
 * @param version      optimistic version: an update naming an older one is refused
 */
public record Mailbox(long id, String url, String password, String address, String queue, String type,
                      String process, Duration pollInterval, boolean enabled, boolean idle, int version,
                      String updatedBy, Instant updatedAt) {

    /** The name in logs, the quarantine and the admin page: the URL, which has no password. */
    public String displayName() {
        return url;
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    /** Where Jakarta Mail connects to, password included. */
    public URLName urlName() {
        URI uri = URI.create(url);
        return new URLName(uri.getScheme(), uri.getHost(), uri.getPort(), folder(), uri.getUserInfo(), password);
    }

    /** The folder polled: the URL's path, INBOX when it has none. */
    public String folder() {
        String path = URI.create(url).getPath();
        return path == null || path.length() <= 1 ? "INBOX" : path.substring(1);
    }

    /** The Quartz job that polls this mailbox. */
    public String jobName() {
        return JOB_PREFIX + id;
    }

    /** Prefix of the poll jobs' names in the {@code mail} group: {@code poll-mailbox-<id>}. */
    public static final String JOB_PREFIX = "poll-mailbox-";

    @Override
    public String toString() {
        return "Mailbox[" + id + " " + url + (hasPassword() ? " (password set)" : "") + " " + address
                + (enabled ? "" : " disabled") + "]";
    }

    /**
     * Splits {@code imap://user:password@host/INBOX} into the URL without password and the password (URL-decoded).
     * The password is null when the URL has none.
     */
    public static String[] splitPassword(String url) {
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return new String[] {url, null};
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        String password = java.net.URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1).replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
        String rest = uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new String[] {uri.getScheme() + "://" + user + "@" + rest + path, password};
    }
}
