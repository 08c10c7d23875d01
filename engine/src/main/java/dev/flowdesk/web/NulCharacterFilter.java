package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses the NUL character (U+0000) in query parameters, form fields and JSON or text bodies with 400 naming the
 * field. PostgreSQL cannot store NUL in text, so without this check such input reached the database and came back
 * as a misleading "conflicts with a change made at the same time"; no legitimate ticket, rule or form needs it.
 * Runs before security so that even the login form answers clearly; it reads no more than the request would anyway.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class NulCharacterFilter extends OncePerRequestFilter {

    static final String MESSAGE = "must not contain the NUL character (U+0000)";
    /** Bodies beyond this are left to the endpoint's own size limit; none of ours accepts JSON this large. */
    private static final int MAX_INSPECTED_BODY = 16 * 1024 * 1024;
    private static final Pattern ESCAPED_NUL = Pattern.compile("\\\\u0000", Pattern.CASE_INSENSITIVE);

    private final ObjectMapper mapper;

    NulCharacterFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
        Optional<String> badParameter = contentType.startsWith("multipart/")
                ? firstNulIn(queryParameters(request.getQueryString()))
                : firstNulIn(request.getParameterMap());
        if (badParameter.isPresent()) {
            refuse(request, response, badParameter.get());
            return;
        }
        boolean json = contentType.contains("json");
        boolean text = contentType.startsWith("text/");
        long length = request.getContentLengthLong();
        if (!(json || text) || length > MAX_INSPECTED_BODY) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_INSPECTED_BODY);
        Optional<String> badField = json ? nulInJson(body) : nulInText(body);
        if (badField.isPresent()) {
            refuse(request, response, badField.get());
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body, request.getInputStream()), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        ProblemWriter.write(mapper, request, response, HttpStatus.BAD_REQUEST, path + ": " + MESSAGE,
                List.of(new DomainException.FieldError(path, MESSAGE)));
    }

    private static Optional<String> firstNulIn(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0) {
                return Optional.of(parameter.getKey().replace('\0', '?'));
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    return Optional.of(parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String[]> queryParameters(String query) {
        if (query == null) {
            return Map.of();
        }
        java.util.LinkedHashMap<String, String[]> out = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(name, new String[] {value});
            } catch (IllegalArgumentException malformed) {
                // A broken escape is the endpoint's problem to report, not a NUL.
            }
        }
        return out;
    }

    private static Optional<String> nulInText(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return Optional.of("body");
            }
        }
        return Optional.empty();
    }

    /** The JSON path (formio style, {@code data.items[0].name}) of the first name or string holding a NUL. */
    private Optional<String> nulInJson(byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        if (!ESCAPED_NUL.matcher(raw).find() && raw.indexOf('\0') < 0) {
            return Optional.empty();
        }
        try {
            return find(mapper.readTree(body), "");
        } catch (JsonProcessingException unreadable) {
            return Optional.empty(); // the endpoint answers 400 for JSON it cannot read
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> find(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0 ? Optional.of(path.isEmpty() ? "body" : path)
                    : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = find(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().replace('\0', '?');
            String child = path.isEmpty() ? name : path + "." + name;
            if (field.getKey().indexOf('\0') >= 0) {
                return Optional.of(child);
            }
            Optional<String> found = find(field.getValue(), child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The request again: the part of the body this filter already read, then whatever it did not. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final java.io.InputStream rest;

        CachedBodyRequest(HttpServletRequest request, byte[] body, java.io.InputStream rest) {
            super(request);
            this.body = body;
            this.rest = rest;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(body), rest);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    java.nio.charset.Charset.forName(encoding)));
        }

    }
}
