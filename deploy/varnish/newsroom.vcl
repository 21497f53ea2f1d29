#
# Varnish in front of the newsroom (Varnish 7.1 and varnish-modules 0.20, as Debian
# bookworm ships them: apt-get install varnish varnish-modules).
#
#   varnishd -a :80 -f /path/to/deploy/varnish/newsroom.vcl -s malloc,1G
#
# What it does, and why:
# - Caches what the app marks public, for as long as its Cache-Control says
#   (s-maxage first), and nothing else: an error page or a page that does not say is
#   never shared.
# - Every page names what it shows in Surrogate-Key; xkey indexes the page by those
#   keys, and the app purges them (PURGE with an xkey-purge header, newsroom/cdn.py)
#   when that content changes. So pages may be cached for long.
# - stale-while-revalidate: a page just past its time is served while a fresh one is
#   fetched in the background. stale-if-error: while the app is down or failing, the
#   last good page is served instead of an error.
# - Readers with a session (staff, a commenter with a comment waiting) and everything
#   that is not a GET or HEAD go to the app untouched; so do the admin and the comment
#   endpoints. Other cookies (csrftoken, analytics) are dropped from cacheable
#   requests, so that one copy serves every anonymous reader.
#
vcl 4.1;

import std;
import xkey;

# The app (gunicorn). The tests write their own port here (tests/newsroom/test_varnish.py).
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # /healthz answers 200 while the app and its database answer (newsroom/health.py):
    # while it does not, stale pages are served for as long as stale-if-error allows.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        # Healthy from the start: the first probe is only sent once Varnish runs.
        .initial = 2;
    }
}

# Who may purge: the app servers. Add their addresses when the app runs elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Markers this VCL sets on requests for itself; a client cannot send them.
    if (req.restarts == 0) {
        unset req.http.X-Newsroom-Refresh;
        unset req.http.X-Newsroom-Stale-OK;
        unset req.http.X-Newsroom-Cache;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # A hard purge drops every page carrying one of the keys; a soft one marks them
        # stale, so they are still served (once, while refetched) within their grace.
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        } else if (req.http.xkey-softpurge) {
            set req.http.X-Purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
        }
        return (synth(200, "Purged " + req.http.X-Purged));
    }

    call vcl_req_host;  # the built-in Host check: lower case, required in HTTP/1.1

    if (req.method != "GET" && req.method != "HEAD") {
        if (req.method ~ "^(POST|PUT|PATCH|DELETE|OPTIONS)$") {
            return (pass);
        }
        return (synth(405, "Method Not Allowed"));
    }

    # The desk, the comment endpoints (they post and report, and carry the reader's
    # CSRF cookie), the language switch (it sets a cookie) and previews (a private
    # link each) always go to the app, cookies and all.
    if (req.url ~ "^/(admin|comments|language|preview)/") {
        return (pass);
    }
    # A session means a signed-in editor or a reader with something of their own on
    # the page (newsroom/pagecache.py): their pages are theirs alone.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Nothing else in a cookie changes a public page (English has its own addresses),
    # so the rest (csrftoken, analytics) is dropped: one copy for every reader.
    unset req.http.Cookie;

    if (req.http.X-Newsroom-Refresh) {
        # Sent back here by vcl_hit: the copy found is past stale-while-revalidate and
        # the app is up, so take no stale copy this time (the copy is still used for a
        # conditional request, and served if the app fails: vcl_synth).
        set req.grace = 0s;
    } else if (req.http.X-Newsroom-Stale-OK) {
        # Back from a failed refresh: any stale copy will do (req.grace outlives a
        # restart, so the 0s above is lifted; each object's own grace still limits).
        set req.grace = 3650d;
    }
    return (hash);
}

sub vcl_hit {
    set req.http.X-Newsroom-Cache = "HIT";
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    set req.http.X-Newsroom-Cache = "HIT-STALE";
    # Within stale-while-revalidate (kept in X-Newsroom-SWR by vcl_backend_response),
    # or past it while the app is sick, or when a refresh just failed: serve the stale
    # copy; Varnish fetches a fresh one in the background.
    if (obj.ttl + std.duration(obj.http.X-Newsroom-SWR + "s", 0s) > 0s
        || !std.healthy(req.backend_hint)
        || req.http.X-Newsroom-Stale-OK) {
        return (deliver);
    }
    # Past stale-while-revalidate with the app up: the reader waits for a fresh page.
    set req.http.X-Newsroom-Refresh = "1";
    return (restart);
}

sub vcl_miss {
    set req.http.X-Newsroom-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Newsroom-Cache = "PASS";
}

sub vcl_backend_response {
    if (bereq.uncacheable) {  # a pass: nothing to decide
        return (deliver);
    }
    # The app failed while a stale copy exists (a background refresh, or the refresh
    # vcl_hit asked for): keep the copy rather than storing the error. A background
    # fetch just ends; a waiting reader gets the copy through vcl_synth.
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Newsroom-Refresh)) {
        return (abandon);
    }
    # Shared only when the app says so. Set-Cookie, private and no-store are never
    # shared (one reader's cookie or page); a response that does not say "public" may
    # be an error page or a redirect to a login: not shared either. hit-for-miss: the
    # next request goes to the app, and may be cached if it answers differently.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.ttl <= 0s) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # xkey indexes objects by their xkey header; the app says Surrogate-Key (the
    # header Fastly reads too).
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # beresp.grace is stale-while-revalidate already (or default_grace without one);
    # vcl_hit needs it later, so it is kept on the object. The object then lives on for
    # stale-if-error, served from there only while the app fails.
    set beresp.http.X-Newsroom-SWR = beresp.grace;
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=([0-9]+).*$", "\1s"),
            beresp.grace);
    }
    # keep: a copy past its grace is still used for a conditional request (304).
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    # No answer from the app at all: as for a 5xx above, keep the stale copy.
    if (bereq.is_bgfetch || bereq.http.X-Newsroom-Refresh) {
        return (abandon);
    }
}

sub vcl_deliver {
    # The keys are for the cache, not for readers.
    unset resp.http.Surrogate-Key;
    unset resp.http.xkey;
    unset resp.http.Cache-Tag;
    unset resp.http.X-Newsroom-SWR;
    # For debugging: HIT, HIT-STALE, MISS or PASS.
    set resp.http.X-Cache = req.http.X-Newsroom-Cache;
}

sub vcl_synth {
    # A refresh that failed (vcl_backend_response abandoned it): look again, and this
    # time take the stale copy (stale-if-error).
    if (resp.status == 503 && req.http.X-Newsroom-Refresh && req.restarts < 2) {
        unset req.http.X-Newsroom-Refresh;
        set req.http.X-Newsroom-Stale-OK = "1";
        return (restart);
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
