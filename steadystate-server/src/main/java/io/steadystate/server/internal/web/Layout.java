package io.steadystate.server.internal.web;

import static io.steadystate.server.internal.web.Html.esc;

/**
 * The frame of every page: no inline script or style anywhere (the Content-Security-Policy forbids them), the
 * CSRF token in a meta element for the page's script, a skip link and landmarks for keyboard and screen-reader users.
 */
final class Layout {

    private Layout() {
    }

    static String page(String title, String pageKind, String csrf, String signedInLogin, String main) {
        StringBuilder b = new StringBuilder(main.length() + 1024);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"csrf-token\" content=\"").append(esc(csrf)).append("\">\n")
                .append("<title>").append(esc(title)).append(" · SteadyState</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/web/app.css\">\n")
                .append("<script src=\"/web/app.js\" defer></script>\n</head>\n")
                .append("<body data-page=\"").append(esc(pageKind)).append("\">\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">SteadyState</a>");
        if (signedInLogin != null) {
            b.append("<span class=\"who\">Signed in as <strong>").append(esc(signedInLogin)).append("</strong></span>")
                    .append("<button type=\"button\" id=\"logout\" class=\"secondary\">Sign out</button>");
        }
        b.append("</header>\n<main id=\"main\" tabindex=\"-1\">\n").append(main).append("\n</main>\n")
                .append("<p id=\"announce\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n")
                .append("</body>\n</html>\n");
        return b.toString();
    }

    static String signIn(String provider) {
        return """
                <h1>Sign in</h1>
                <p>Sign in to see the sessions you started or were invited to.</p>
                <button type="button" id="sign-in">Sign in with %s</button>
                <div id="device" hidden>
                  <p>Open <a id="device-link" href="#" target="_blank" rel="noopener noreferrer"></a> and enter this code:</p>
                  <p class="code" id="device-code"></p>
                  <p id="device-status" role="status" aria-live="polite">Waiting for you to approve…</p>
                </div>
                <p id="sign-in-error" class="error" role="alert"></p>
                """.formatted(esc(providerLabel(provider)));
    }

    static String notFound() {
        return "<h1>Not found</h1><p>No such session, or it is not shared with you.</p><p><a href=\"/\">Back to your sessions</a></p>";
    }

    private static String providerLabel(String provider) {
        return switch (provider) {
            case "github" -> "GitHub";
            case "gitlab" -> "GitLab";
            case "oidc" -> "your identity provider";
            case "dev" -> "the development login";
            default -> provider;
        };
    }
}
