"""gunicorn's settings for the portal (``gunicorn -c gunicorn.conf.py``; ``make serve`` and ``make stack``).

Everything that differs between machines comes from the environment:

* ``GUNICORN_BIND`` (default ``127.0.0.1:8000``): where to listen; behind Varnish, loopback or a private address;
* ``WEB_CONCURRENCY`` (default 2): worker processes, about one per core (pages are CPU-bound: sync workers);
* ``GUNICORN_TIMEOUT`` (default 30 s): a worker stuck longer is killed and replaced;
* ``GUNICORN_GRACEFUL_TIMEOUT`` (default 20 s): on restart or stop, how long requests in flight may finish.

The access log goes to stdout, one line per request with its time, status, size, duration and the request id
that Django's log lines carry (portal/observability.py).
"""

import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Workers are replaced now and then, so slow leaks never grow; the jitter keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
# X-Forwarded-* headers are trusted from these addresses only (Varnish on the same machine by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
