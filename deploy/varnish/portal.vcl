# The Co-op Portal's front cache. The same file serves `make stack`, the stack tests and production: a site's
# own VCL (see site.vcl.example) defines the director `portal` over one or more app servers (each a backend with
# its health probe), the ACL `portal_purgers` and the sub `portal_error_page`, then includes this file.
#
# Rules (README, "Front cache"):
# * Only what Django marks `Cache-Control: public` is stored; `private`, `no-store`, `no-cache` or a Set-Cookie
#   are never stored. Django decides (members/cache_policy.py); Varnish only obeys.
# * Requests with a session (or a pending message) cookie or an Authorization header always go to Django;
#   other cookies (csrftoken, analytics) are dropped from anonymous GET/HEAD requests so they share one copy.
# * Purging: `BAN` with `X-Ban-Tags: <regex>` drops every object whose X-Cache-Tags matches (the portal sends
#   it when an editor changes something); `X-Ban-All: 1` drops everything. Only from `portal_purgers`.
# * Grace: a stale public page is served while Django is down or slow; private answers are never stored, so
#   they can never be served stale: with Django down they get the styled 503 page.
# * Downloads (/files/): public files are stored like pages when Django marks them public (it does when
#   FRONT_CACHE_COUNTS_DOWNLOADS is set, because the downloads answered from here are then counted from
#   varnishncsa's log: documents/cached_downloads.py). Django counts the others, so it is told what the visitor
#   asked (X-Portal-Client-Method, X-Portal-Client-Range: a miss is fetched whole with GET) and which fetches only
#   refresh a stale copy already served (X-Portal-Background); files over 32 MB are not stored.
# * Several app servers: requests go to the healthy ones in turn; a GET or HEAD whose app server fails to answer
#   (stopped a moment ago, before its probe noticed) is tried again on the next ones (twice at most).

import std;

sub vcl_recv {
    set req.backend_hint = portal.backend();
    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ portal_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        if (req.http.X-Ban-All == "1") {
            ban("obj.status != 0");
            return (synth(200, "Banned everything"));
        }
        if (req.http.X-Ban-Tags ~ "^[^\s]+$") {
            ban("obj.http.X-Cache-Tags ~ " + req.http.X-Ban-Tags);
            return (synth(200, "Banned"));
        }
        return (synth(400, "BAN needs X-Ban-Tags (a regular expression without spaces) or X-Ban-All: 1"));
    }
    # Only this file tells Django what a download's visitor asked (see above).
    unset req.http.X-Portal-Client-Method;
    unset req.http.X-Portal-Client-Range;
    unset req.http.X-Portal-Background;
    if (req.url ~ "^/files/") {
        set req.http.X-Portal-Client-Method = req.method;
        if (req.http.Range) {
            set req.http.X-Portal-Client-Range = req.http.Range;
        }
    }
    # One id per request, from here to Django's log lines (portal/observability.py) and back to the visitor.
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9._:-]{1,64}$") {
        set req.http.X-Request-ID = "varnish-" + req.xid;
    }
    # Health answers come from Django itself, never from here.
    if (req.url ~ "^/(healthz|readyz)(\?|$)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)/") {
        return (pass);
    }
    # "/" answers with a redirect to the visitor's language (the switcher's cookie, else Accept-Language): never
    # shared, and the language cookie must reach Django (portal/i18n.py).
    if (req.url ~ "^/(\?|$)") {
        return (pass);
    }
    unset req.http.Cookie;
    # Serve stale objects for up to 10 s while the backend is healthy (a slow page refreshes in the
    # background), and for the whole grace period while it is down.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Portal-Background;
    if (bereq.url ~ "^/files/") {
        if (bereq.is_bgfetch) {
            # The visitor was served the stale copy (a hit, counted from the log): Django must not count this.
            set bereq.http.X-Portal-Background = "1";
        } elsif (!bereq.uncacheable) {
            # A visitor waits for this fetch: ask for the whole file (not a revalidation of a stale copy) so that
            # Django answers it and counts the download.
            unset bereq.http.If-None-Match;
            unset bereq.http.If-Modified-Since;
        }
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/files/" && std.integer(beresp.http.Content-Length, 0) > 33554432) {
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control ~ "(?i)\b(private|no-store|no-cache)\b"
        || beresp.status != 200) {
        # Not stored; remembered for 2 minutes as "go to the backend" so requests for it are not queued.
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Cache-Tags;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_backend_error {
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "private, no-store";
    set beresp.http.Retry-After = "30";
    set beresp.status = 503;
    call portal_error_page;
    return (deliver);
}

sub vcl_synth {
    if (resp.status == 503) {
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Cache-Control = "private, no-store";
        call portal_error_page;
        return (deliver);
    }
}
