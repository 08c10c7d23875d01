package dev.flowdesk.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Warns when Flowdesk runs as the operating system's superuser outside the demo profile. Everything a designer
 * writes is checked and sandboxed, but a service desk that runs as root turns any future hole into a takeover of
 * the machine; docs/operations.md shows how to run it as its own service user.
 */
@Component
class RootUserWarning {

    private static final Logger log = LoggerFactory.getLogger(RootUserWarning.class);

    private final Environment environment;

    RootUserWarning(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfRoot() {
        if (runsAsRoot() && !environment.acceptsProfiles(Profiles.of("demo"))) {
            log.warn("Flowdesk is running as the superuser (root). Run it as an unprivileged service user instead "
                    + "(see docs/operations.md, 'Run as a service user'): a process with fewer rights limits what any "
                    + "flaw can reach.");
        }
    }

    /** The process's real user id where the platform tells it (Linux: the owner of /proc/self), else its name. */
    static boolean runsAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer id) {
                return id == 0;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not Linux, or no unix view: fall back to the user name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
