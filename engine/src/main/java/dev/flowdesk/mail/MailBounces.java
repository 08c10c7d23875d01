package dev.flowdesk.mail;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Locale;

/** Addresses our mail bounced from; automatic mail stops going to an address once it bounced permanently. */
@Service
public class MailBounces {

    private final MailBounceRepository bounces;
    private final Clock clock;

    MailBounces(MailBounceRepository bounces, Clock clock) {
        this.bounces = bounces;
        this.clock = clock;
    }

    /** One bounce report for an address: {@code status} as in RFC 3463 ({@code 5.1.1}), reason the diagnostic. */
    @Transactional
    public void record(String address, String status, String reason) {
        String normal = address.toLowerCase(Locale.ROOT);
        MailBounce bounce = bounces.findById(normal).orElseGet(() -> new MailBounce(normal));
        bounce.record(status, reason, clock.instant());
        bounces.save(bounce);
    }

    @Transactional(readOnly = true)
    public boolean isHardBouncing(String address) {
        return address != null && bounces.findById(address.toLowerCase(Locale.ROOT)).filter(MailBounce::isHard)
                .isPresent();
    }

    @Transactional(readOnly = true)
    public int bounceCount(String address) {
        return bounces.findById(address.toLowerCase(Locale.ROOT)).map(MailBounce::getBounces).orElse(0);
    }
}
