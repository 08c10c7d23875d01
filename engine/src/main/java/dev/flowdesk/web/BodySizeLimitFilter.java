package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;

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

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses request bodies other than file uploads beyond {@value #MAX_BODY_BYTES} bytes with 413 naming {@code body}
 * (issue 15's hostile-input suite: a 50 MB JSON body). Multipart uploads have their own limits
 * ({@code spring.servlet.multipart.*}, {@code flowdesk.attachments.max-file-size}); nothing else Flowdesk accepts
 * (tickets, form definitions and submissions, DRL, templates, knowledge articles) comes near this size, and without
 * the limit Tomcat would hand the whole body to Jackson, which holds it in memory. A declared length is refused
 * before reading; a chunked body is counted while it is read and cut off at the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final ObjectMapper mapper;

    BodySizeLimitFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(request, response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request);
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (limited.exceeded && !response.isCommitted()) {
                response.reset();
                refuse(request, response);
                return;
            }
            throw e;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the rest of the body is not read: close the connection rather than drain megabytes
        response.setHeader("Connection", "close");
        ProblemWriter.write(mapper, request, response, HttpStatus.valueOf(413),
                "The request body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MB",
                List.of(new DomainException.FieldError("body", "must be at most " + MAX_BODY_BYTES + " bytes")));
    }

    /** Counts what is read of a body without a declared length and fails the read beyond the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;
        private volatile boolean exceeded;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream original = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = original.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = original.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > MAX_BODY_BYTES) {
                            exceeded = true;
                            throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return original.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return original.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        original.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
