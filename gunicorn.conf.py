"""gunicorn's configuration for production: `gunicorn config.wsgi:application` reads this file
from the working directory (the checkout's root). Every value can be set from the environment;
docs/deploy.md "Production settings" lists them.

Sync workers with threads: Parcours' requests are short database round trips. The access log
goes to standard output, one line a request, with the request id (the X-Request-ID response
header that RequestIdMiddleware sets, also shown on error pages) to find a request in the logs.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(2 * multiprocessing.cpu_count() + 1, 8))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The proxy in front (it ends TLS) may say who the client was; only these addresses are
# believed (gunicorn's forwarded_allow_ips).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# %({x-request-id}o)s: the response's X-Request-ID header; %(M)s: milliseconds taken.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
