"""Which center addresses a counter may talk to (issue 13 item 9): ``https://`` anywhere, plain
``http://`` only on this machine's loopback (a center on the same PC for a demo or a test). Over plain
http the enrolment code, the device's refresh token and citizen records would cross the network in clear.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from clerk_app.domain.hosts import is_loopback_host


def plain_http_refusal(url: str) -> str | None:
    """One Chinese sentence when ``url`` is plain http to a host outside loopback; None when allowed."""
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
    return (f"中心服务器地址 {shown} 使用未加密的 http://，注册码、本机凭证和群众信息会以明文在网络上传输，"
            "已拒绝连接；请改用 https:// 地址，并把配置项 sync_ca_file 设为信息技术人员提供的中心 CA 证书文件。")
