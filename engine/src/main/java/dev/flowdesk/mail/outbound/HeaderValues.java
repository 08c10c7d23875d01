package dev.flowdesk.mail.outbound;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Header values of outgoing mail are never built from text that could end a header: a CR or LF in a value would
 * let whoever wrote it (a ticket subject, an address) add headers or recipients. Such values are refused, not
 * repaired, and addresses must parse strictly.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    static String singleLine(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a line break");
        }
        return value;
    }

    static String address(String value, String what) {
        singleLine(value, what);
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            if (address.getPersonal() != null || !address.getAddress().equals(value.strip())) {
                throw new IllegalArgumentException(what + " must be a bare address");
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not a valid address: " + e.getMessage());
        }
    }
}
