package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client sends to create or change an organisation. {@code version} is the one the client read (PUT only);
 * a stale one answers 409. {@link #checked()} answers every wrong field at once, named as the client sent it.
 */
public record OrganisationInput(String name, List<String> domains, String tier, String tenant, String accountManager,
                                Long version) {

    static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern TIER = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** The input with its values normalised (domains lower case, tier upper case, STANDARD when left out). */
    OrganisationInput checked() {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        Set<String> cleanDomains = new LinkedHashSet<>();
        List<String> given = domains == null ? List.of() : domains;
        for (int i = 0; i < given.size(); i++) {
            String domain = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                errors.add(new FieldError("domains[" + i + "]", "is not a mail domain such as example.com"));
            }
            cleanDomains.add(domain);
        }
        String cleanTier = tier == null || tier.isBlank() ? "STANDARD" : tier.strip().toUpperCase(Locale.ROOT);
        if (!TIER.matcher(cleanTier).matches()) {
            errors.add(new FieldError("tier", "must be a name such as STANDARD or GOLD"));
        }
        String cleanTenant = tenant == null || tenant.isBlank() ? null : tenant.strip();
        if (cleanTenant != null && !TENANT.matcher(cleanTenant).matches()) {
            errors.add(new FieldError("tenant", "must be letters, digits, '.', '_' or '-', at most 64"));
        }
        String manager = accountManager == null || accountManager.isBlank() ? null : accountManager.strip();
        if (manager != null && manager.length() > 254) {
            errors.add(new FieldError("accountManager", "must be at most 254 characters"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new OrganisationInput(cleanName, List.copyOf(cleanDomains), cleanTier, cleanTenant, manager, version);
    }
}
