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
    /** The names of shipped templates looked up so far. */
    private final java.util.Set<String> shipped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Templates edited in the browser; null in unit tests (the shipped templates only). */
    private final TemplateOverrides overrides;

    MailTemplates() {
        this(null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    MailTemplates(TemplateOverrides overrides) {
        this.overrides = overrides;
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        properties.setProperty("resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
        properties.setProperty("resource.loader.classpath.cache", "true");
        properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, SecureUberspector.class.getName());
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        // templates edited in the browser may loop, but not for long
        properties.setProperty("directive.foreach.max_loops", "1000");
        velocity = new VelocityEngine(properties);
        velocity.init();
    }

    /**
     * Is there a template of this name (in English, which every template has)? The shipped templates are fixed for
     * the life of the process, so the names found are kept: Velocity's lookup opens the resource on the class path,
     * in the Spring Boot jar a search of its nested jars, and it ran for every mail rendered. (Names not found are not
     * kept: they come from editors' requests, and would grow the set without bound.)
     */
    boolean exists(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return false;
        }
        if (shipped.contains(name)) {
            return true;
        }
        boolean found = velocity.resourceExists("mail/templates/" + name + "_en.vm");
        if (found) {
            shipped.add(name);
        }
        return found;
    }

    /** The shipped source of a template (null when there is none in that language). */
    String shippedSource(String name, String language) {
        String path = "mail/templates/" + name + "_" + language + ".vm";
        if (!exists(name) || !LANGUAGES.contains(language) || !velocity.resourceExists(path)) {
            return null;
        }
        try (var in = MailTemplates.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The names of the shipped templates (every one exists in English). */
    java.util.List<String> names() {
        try {
            var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver(
                    MailTemplates.class.getClassLoader());
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            for (var resource : resolver.getResources("classpath*:mail/templates/*_en.vm")) {
                String file = resource.getFilename();
                names.add(file.substring(0, file.length() - "_en.vm".length()));
            }
            return java.util.List.copyOf(names);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Rendered render(String name, String language, Map<String, String> values) {
        if (!exists(name)) {
            throw new IllegalArgumentException("no mail template named '" + name + "'");
        }
        String lang = LANGUAGES.contains(language) ? language : "en";
        String edited = overrides == null ? null : overrides.source(name, lang).orElse(null);
        if (edited != null) {
            return renderSource(name + "_" + lang, edited, values);
        }
        Template template = velocity.getTemplate("mail/templates/" + name + "_" + lang + ".vm", "UTF-8");
        StringWriter out = new StringWriter();
        template.merge(context(values), out);
        return split(name, out.toString());
    }

    /**
     * Renders a template source that is not (yet) stored: an edited template, or one being previewed. Errors of the
     * source (syntax, unknown references, anything the sandbox refuses) come as Velocity's exceptions.
     */
    Rendered renderSource(String logName, String source, Map<String, String> values) {
        StringWriter out = new StringWriter();
        velocity.evaluate(context(values), out, logName, source);
        return split(logName, out.toString());
    }

    private static VelocityContext context(Map<String, String> values) {
        VelocityContext context = new VelocityContext();
        values.forEach((key, value) -> context.put(key, value == null ? "" : value));
        return context;
    }

    private static Rendered split(String name, String rendered) {
        String text = rendered.replace("\r\n", "\n");
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith("Subject:")) {
            throw new IllegalStateException("mail template " + name + " must start with a 'Subject:' line");
        }
        return new Rendered(first.substring("Subject:".length()).strip(), end < 0 ? "" : text.substring(end + 1));
    }
}
