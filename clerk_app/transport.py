"""Which center addresses a counter may talk to (issue 13 item 9): ``https://`` anywhere, plain
``http://`` only on this machine's loopback (a center on the same PC for a demo or a test). Over plain
http the enrolment code, the device's refresh token and citizen records would cross the network in clear.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from clerk_app.domain.hosts import is_loopback_host
from clerk_app.messages import Text


def plain_http_refusal(url: str) -> Text | None:
    """Why ``url`` is refused when it is plain http to a host outside loopback; None when allowed."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "http":
        return None
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if is_loopback_host(host):
        return None
    shown = f"http://{host or parts.netloc}"[:120]
    return Text("sync.plain_http", url=shown)
