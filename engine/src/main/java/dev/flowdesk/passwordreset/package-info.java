/**
 * Password reset by an e-mailed, single-use, expiring link (issue 15 part 2). It sits between {@code security}
 * (accounts, passwords, sessions, the audit) and {@code mail} (the outbox), which must not know each other the other
 * way round; nothing depends on this package. Design and threat model: docs/security.md, "Password reset".
 */
package dev.flowdesk.passwordreset;
