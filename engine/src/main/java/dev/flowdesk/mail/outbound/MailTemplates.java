package dev.flowdesk.mail.outbound;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.apache.velocity.util.introspection.SecureUberspector;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders the mail templates ({@code mail/templates/<name>_<language>.vm}, first line {@code Subject: ...}) with
 * Velocity, sandboxed: the {@link SecureUberspector} refuses class, reflection and class-loader access, strict mode
 * refuses unknown references, and the context holds only strings. Ticket data goes in as context values, never into
 * the template source, so a {@code $} or {@code #} in a subject or a reply is printed as it is, not evaluated.
 */
@org.springframework.stereotype.Component
final class MailTemplates {

    static final Set<String> LANGUAGES = Set.of("en", "de");
    /** A template name a model may give: a file name, never a path. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** A rendered mail: the subject line and the text body. */
    record Rendered(String subject, String body) {
    }

    private final VelocityEngine velocity;

    MailTemplates() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        properties.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        properties.setProperty("resource.loader.classpath.cache", "true");
        properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        velocity = new VelocityEngine(properties);
        velocity.init();
    }

    /** Is there a template of this name (in English, which every template has)? */
    boolean exists(String name) {
        return name != null && NAME.matcher(name).matches()
                && velocity.resourceExists("mail/templates/" + name + "_en.vm");
    }

    Rendered render(String name, String language, Map<String, String> values) {
        if (!exists(name)) {
            throw new IllegalArgumentException("no mail template named '" + name + "'");
        }
        String lang = LANGUAGES.contains(language) ? language : "en";
        Template template = velocity.getTemplate("mail/templates/" + name + "_" + lang + ".vm", "UTF-8");
        VelocityContext context = new VelocityContext();
        values.forEach((key, value) -> context.put(key, value == null ? "" : value));
        StringWriter out = new StringWriter();
        template.merge(context, out);
        String text = out.toString().replace("\r\n", "\n");
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith("Subject:")) {
            throw new IllegalStateException("mail template " + name + " must start with a 'Subject:' line");
        }
        return new Rendered(first.substring("Subject:".length()).strip(), end < 0 ? "" : text.substring(end + 1));
    }
}
