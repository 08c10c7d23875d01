package dev.flowdesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Adds "Forgot password?" under the sign-in form of Spring Security's generated login page, linking to the browser
 * app's reset page ({@code /password-reset.html}, issue 15 part 2). The generated page has no hook for a link, and
 * replacing it would mean rebuilding what it renders from the configuration (the identity-provider buttons, the
 * sign-out and error notices), so the link is inserted after its first form. German for browsers that prefer it
 * (the page itself is Spring's, in English); a page without a form (none configured) is passed on unchanged.
 */
final class ForgotPasswordLink extends OncePerRequestFilter {

    static final String PAGE = "/password-reset.html";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || !"/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        String html = new String(page.getContentAsByteArray(), StandardCharsets.UTF_8);
        int form = html.indexOf("</form>");
        String type = page.getContentType();
        if (page.getStatus() != 200 || form < 0 || type == null || !type.startsWith("text/html")) {
            page.copyBodyToResponse();
            return;
        }
        boolean german = "de".equals(request.getLocale().getLanguage().toLowerCase(Locale.ROOT));
        String link = "\n      <p class=\"forgot-password\"><a href=\"" + request.getContextPath() + PAGE + "\">"
                + (german ? "Passwort vergessen?" : "Forgot password?") + "</a></p>";
        byte[] body = (html.substring(0, form + "</form>".length()) + link
                + html.substring(form + "</form>".length())).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
