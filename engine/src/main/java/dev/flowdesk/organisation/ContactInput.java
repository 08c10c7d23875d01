package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a client sends to create or change a contact; {@code version} is the one read (PUT only, stale: 409). */
public record ContactInput(String name, List<String> emails, Long organisationId, Boolean vip, String language,
                           String phone, Long version) {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    ContactInput checked() {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 200) {
            errors.add(new FieldError("name", "is required, at most 200 characters"));
        }
        Set<String> clean = new LinkedHashSet<>();
        List<String> given = emails == null ? List.of() : emails;
        for (int i = 0; i < given.size(); i++) {
            String email = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                errors.add(new FieldError("emails[" + i + "]", "is not an e-mail address"));
            }
            clean.add(email);
        }
        String lang = language == null || language.isBlank() ? null : language.strip();
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            errors.add(new FieldError("language", "must be a language tag such as en or de"));
        }
        String cleanPhone = phone == null || phone.isBlank() ? null : phone.strip();
        if (cleanPhone != null && cleanPhone.length() > 50) {
            errors.add(new FieldError("phone", "must be at most 50 characters"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new ContactInput(cleanName, List.copyOf(clean), organisationId, Boolean.TRUE.equals(vip), lang,
                cleanPhone, version);
    }
}
