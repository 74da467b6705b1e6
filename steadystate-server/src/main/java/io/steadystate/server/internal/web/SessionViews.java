package io.steadystate.server.internal.web;

import static io.steadystate.server.internal.web.Html.esc;

import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionInfo;
import io.steadystate.api.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The markup of sessions: the cards of the sessions page and the parts of one session's page. Every value that
 * came from people goes through {@link Html#esc}; ids of elements are built from session ids, which are
 * letters and digits only.
 */
final class SessionViews {

    private SessionViews() {
    }

    /** Whether a session can still be ended or joined. */
    static boolean live(SessionInfo s) {
        return s.state() == SessionState.PROVISIONING || s.state() == SessionState.RUNNING;
    }

    /** The state as a name for classes and data attributes: lower case, so that style sheets match it. */
    static String stateKey(SessionInfo s) {
        return s.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---------------------------------------------------------------- the sessions page

    static String sessionsPage(String cards) {
        return """
                <h1>Sessions</h1>
                <p id="status" role="status" aria-live="polite"></p>
                <section aria-labelledby="list-title">
                <h2 id="list-title">Your sessions</h2>
                <div id="sessions" data-live="/web/live">%s</div>
                </section>
                <section aria-labelledby="new-title">
                <h2 id="new-title">Start a session</h2>
                <form id="new-session" novalidate>
                  <p id="form-error" class="error" role="alert"></p>
                  <div class="field">
                    <label for="repo_url">Repository</label>
                    <input id="repo_url" name="repo_url" type="text" required autocomplete="off" spellcheck="false"
                      aria-describedby="repo_url-hint repo_url-error" placeholder="https://github.com/owner/repo.git">
                    <p id="repo_url-hint" class="hint">An https:// or ssh:// URL, git@host:path, or a local path the server allows.</p>
                    <p id="repo_url-error" class="error"></p>
                  </div>
                  <div class="field">
                    <label for="mode">Mode</label>
                    <select id="mode" name="mode" aria-describedby="mode-error">
                      <option value="collab">collab: a worktree each, merged by sync</option>
                      <option value="pair">pair: one shared terminal</option>
                    </select>
                    <p id="mode-error" class="error"></p>
                  </div>
                  <div class="field">
                    <label for="branch">Branch (optional)</label>
                    <input id="branch" name="branch" type="text" autocomplete="off" spellcheck="false" aria-describedby="branch-error">
                    <p id="branch-error" class="error"></p>
                  </div>
                  <div class="field">
                    <label for="allowed_users">Allowed users</label>
                    <input id="allowed_users" name="allowed_users" type="text" autocomplete="off" spellcheck="false"
                      aria-describedby="allowed_users-hint allowed_users-error">
                    <p id="allowed_users-hint" class="hint">GitHub logins, separated by commas or spaces.</p>
                    <p id="allowed_users-error" class="error"></p>
                  </div>
                  <div class="field">
                    <label for="viewers">Viewers</label>
                    <input id="viewers" name="viewers" type="text" autocomplete="off" spellcheck="false"
                      aria-describedby="viewers-hint viewers-error">
                    <p id="viewers-hint" class="hint">Logins who may watch but not change anything.</p>
                    <p id="viewers-error" class="error"></p>
                  </div>
                  <button type="submit" id="start">Start session</button>
                </form>
                </section>
                """.formatted(cards);
    }

    /** The list of cards, or a line saying there is none. */
    static String cards(List<SessionInfo> sessions, Function<SessionInfo, List<String>> connected,
            java.util.function.Predicate<SessionInfo> isCreator, Instant now) {
        if (sessions.isEmpty()) {
            return "<p class=\"empty\">No sessions yet. Start one below, or ask someone to invite you.</p>";
        }
        StringBuilder b = new StringBuilder(sessions.size() * 1200);
        b.append("<ul class=\"cards\">");
        // Newest first: the one just started is the one people look for.
        for (int i = sessions.size() - 1; i >= 0; i--) {
            SessionInfo s = sessions.get(i);
            card(b, s, connected.apply(s), isCreator.test(s), now);
        }
        return b.append("</ul>").toString();
    }

    private static void card(StringBuilder b, SessionInfo s, List<String> connected, boolean creator, Instant now) {
        String id = s.id().value();
        b.append("<li class=\"card\" id=\"s-").append(id).append("\" data-state=\"").append(stateKey(s)).append("\">")
                .append("<h3><a href=\"/web/sessions/").append(id).append("\">").append(esc(s.repoUrl())).append("</a></h3>")
                .append("<dl class=\"facts\">");
        fact(b, "State", "<span class=\"state state-" + stateKey(s) + "\">" + esc(s.state().wireName()) + "</span>");
        fact(b, "Mode", esc(s.mode().wireName()));
        fact(b, "Created by", esc(s.creator()));
        fact(b, "Started", Ages.time(s.createdAt(), now));
        fact(b, "Connected now", connected.isEmpty() ? "nobody"
                : "<span class=\"connected\">" + esc(String.join(", ", connected)) + "</span>");
        b.append("</dl>");
        if (s.message() != null && !s.message().isBlank()) {
            b.append("<p class=\"message\">").append(esc(s.message())).append("</p>");
        }
        joinBlock(b, s);
        if (creator && live(s)) {
            endControls(b, id);
        }
        b.append("</li>");
    }

    private static void fact(StringBuilder b, String term, String html) {
        b.append("<div><dt>").append(term).append("</dt><dd>").append(html).append("</dd></div>");
    }

    /** The magic link and the join command, each with a copy button. */
    static void joinBlock(StringBuilder b, SessionInfo s) {
        if (s.magicLink() == null || !live(s)) {
            return;
        }
        String id = s.id().value();
        b.append("<div class=\"join\">")
                .append("<p><span class=\"label\" id=\"link-label-").append(id).append("\">Magic link</span> ")
                .append("<code id=\"link-").append(id).append("\">").append(esc(s.magicLink())).append("</code> ")
                .append("<button type=\"button\" class=\"copy secondary\" data-copy=\"link-").append(id)
                .append("\" aria-describedby=\"link-label-").append(id).append("\">Copy link</button></p>")
                .append("<p><span class=\"label\" id=\"cmd-label-").append(id).append("\">Join command</span> ")
                .append("<code id=\"cmd-").append(id).append("\">steadystate join ").append(esc(Html.shellQuote(s.magicLink())))
                .append("</code> <button type=\"button\" class=\"copy secondary\" data-copy=\"cmd-").append(id)
                .append("\" aria-describedby=\"cmd-label-").append(id).append("\">Copy command</button></p>")
                .append("</div>");
    }

    /** End, with a confirmation step, and room for the server's answer (what would be lost, "end anyway"). */
    static void endControls(StringBuilder b, String id) {
        b.append("<div class=\"end\" data-session=\"").append(id).append("\">")
                .append("<button type=\"button\" class=\"danger\" id=\"end-").append(id).append("\" data-end=\"").append(id)
                .append("\">End session</button>")
                .append("<p class=\"end-result\" id=\"end-result-").append(id).append("\" role=\"status\"></p>")
                .append("</div>");
    }

    // ---------------------------------------------------------------- one session's page

    static String sessionPage(SessionInfo s, String summary, String members, String conflicts, String publishes,
            String timeline, long lastSequence) {
        String id = s.id().value();
        return """
                <p class="crumbs"><a href="/">All sessions</a></p>
                <h1>Session <code>%s</code></h1>
                <div id="summary">%s</div>
                <div class="columns">
                <section aria-labelledby="members-title"><h2 id="members-title">Members</h2><div id="members">%s</div></section>
                <section aria-labelledby="conflicts-title"><h2 id="conflicts-title">Open conflicts</h2><div id="conflicts">%s</div></section>
                <section aria-labelledby="publishes-title"><h2 id="publishes-title">Publish results</h2><div id="publishes">%s</div></section>
                </div>
                <section aria-labelledby="timeline-title">
                <h2 id="timeline-title">Timeline</h2>
                <p id="live-state" class="hint" role="status">Live updates connecting…</p>
                <ol id="timeline" class="timeline" reversed data-live="/web/sessions/%s/live?after=%d">%s</ol>
                </section>
                """.formatted(id, summary, members, conflicts, publishes, id, lastSequence, timeline);
    }

    static String summary(SessionInfo s, boolean creator, Instant now) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<p class=\"repo-line\"><span class=\"label\">Repository</span> <code class=\"repo\">")
                .append(esc(s.repoUrl())).append("</code></p>");
        b.append("<dl class=\"facts\">");
        if (s.branch() != null) {
            fact(b, "Branch", esc(s.branch()));
        }
        fact(b, "State", "<span class=\"state state-" + stateKey(s) + "\" id=\"state\">" + esc(s.state().wireName()) + "</span>");
        fact(b, "Mode", esc(s.mode().wireName()));
        fact(b, "Created by", esc(s.creator()));
        fact(b, "Started", Ages.time(s.createdAt(), now));
        b.append("</dl>");
        if (s.message() != null && !s.message().isBlank()) {
            b.append("<p class=\"message\">").append(esc(s.message())).append("</p>");
        }
        joinBlock(b, s);
        if (creator && live(s)) {
            endControls(b, s.id().value());
        }
        return b.toString();
    }

    static String members(List<MemberState> members, Instant now) {
        StringBuilder b = new StringBuilder(256 * members.size() + 64);
        b.append("<ul class=\"members\">");
        for (MemberState m : members) {
            b.append("<li class=\"member\" data-login=\"").append(esc(m.login())).append("\">")
                    .append("<span class=\"presence ").append(m.connected() ? "on" : "off").append("\">")
                    .append(m.connected() ? "connected" : "not connected").append("</span> ")
                    .append("<strong>").append(esc(m.login())).append("</strong> <span class=\"role\">")
                    .append(m.role()).append("</span>");
            if (m.connections() > 1) {
                b.append(" <span class=\"hint\">(").append(m.connections()).append(" connections)</span>");
            }
            b.append("<br><span class=\"hint\">last sync: ")
                    .append(m.lastSync() == null ? "never" : Ages.time(m.lastSync(), now)).append("</span></li>");
        }
        return b.append("</ul>").toString();
    }

    static String conflicts(List<MemberState> members) {
        StringBuilder b = new StringBuilder();
        for (MemberState m : members) {
            if (m.conflicts().isEmpty()) {
                continue;
            }
            b.append("<h3>").append(esc(m.login())).append("</h3><ul class=\"paths\">");
            for (String path : m.conflicts()) {
                b.append("<li><code>").append(esc(path)).append("</code></li>");
            }
            b.append("</ul>");
        }
        return b.isEmpty() ? "<p class=\"empty\">None.</p>" : b.toString();
    }

    static String publishes(List<SessionEvent> events, Instant now) {
        StringBuilder b = new StringBuilder();
        for (int i = events.size() - 1; i >= 0; i--) {
            switch (events.get(i)) {
                case SessionEvent.Published p -> b.append("<li class=\"ok\">").append(Ages.time(p.time(), now)).append(": ")
                        .append(esc(p.user())).append(" published <code>").append(esc(p.branch())).append("</code> at <code>")
                        .append(esc(shortCommit(p.commit()))).append("</code> to <code>").append(esc(p.remote())).append("</code></li>");
                case SessionEvent.PublishFailed f -> b.append("<li class=\"failed\">").append(Ages.time(f.time(), now)).append(": ")
                        .append(esc(f.user())).append("'s publish was refused: ").append(esc(f.reason())).append("</li>");
                default -> { }
            }
        }
        return b.isEmpty() ? "<p class=\"empty\">Nothing published yet.</p>" : "<ul class=\"publishes\">" + b + "</ul>";
    }

    /** One timeline entry; the newest go first. */
    static String timelineItem(SessionEvent e) {
        StringBuilder b = new StringBuilder(256);
        b.append("<li class=\"event ev-").append(kind(e)).append("\" data-seq=\"").append(e.sequence()).append("\">")
                .append("<time datetime=\"").append(e.time()).append("\">").append(clock(e.time())).append("</time> ")
                .append("<strong>").append(e.user() == null ? "session" : esc(e.user())).append("</strong> ");
        switch (e) {
            case SessionEvent.Connected c -> b.append("connected");
            case SessionEvent.Disconnected d -> b.append("disconnected");
            case SessionEvent.Synced s -> {
                b.append("synced: ").append(s.pushed()).append(" file(s) sent, ").append(s.pulled()).append(" received");
                if (s.commit() != null) {
                    b.append(" (<code>").append(esc(shortCommit(s.commit()))).append("</code>)");
                }
                if (!s.conflicts().isEmpty()) {
                    b.append(", <span class=\"conflict\">").append(s.conflicts().size()).append(" conflict(s): ");
                    b.append(esc(String.join(", ", s.conflicts().subList(0, Math.min(5, s.conflicts().size())))));
                    b.append(s.conflicts().size() > 5 ? ", …" : "").append("</span>");
                }
            }
            case SessionEvent.Published p -> b.append("published <code>").append(esc(p.branch())).append("</code> to <code>")
                    .append(esc(p.remote())).append("</code>");
            case SessionEvent.PublishFailed f -> b.append("could not publish: ").append(esc(f.reason()));
            case SessionEvent.Activity a -> {
                b.append(esc(a.kind()));
                if (a.details() != null && !a.details().isBlank() && !"connect".equals(a.kind())) {
                    b.append(": <span class=\"details\">").append(esc(a.details())).append("</span>");
                }
            }
        }
        return b.append("</li>").toString();
    }

    static String timeline(List<SessionEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 200);
        for (int i = events.size() - 1; i >= 0; i--) {
            b.append(timelineItem(events.get(i)));
        }
        return b.toString();
    }

    private static String kind(SessionEvent e) {
        return switch (e) {
            case SessionEvent.Connected c -> "connect";
            case SessionEvent.Disconnected d -> "disconnect";
            case SessionEvent.Synced s -> "sync";
            case SessionEvent.Published p -> "publish";
            case SessionEvent.PublishFailed f -> "publish-failed";
            case SessionEvent.Activity a -> "activity";
        };
    }

    private static String clock(Instant t) {
        String s = t.toString(); // 2026-01-01T10:00:00.123Z: the time of day, in UTC, is what a timeline needs
        return s.length() >= 19 ? s.substring(11, 19) + " UTC" : s;
    }

    private static String shortCommit(String commit) {
        return commit == null ? "" : commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
