"""A plain-HTTP target (the local sandbox) skips loading the CA bundle, and still refuses TLS."""

from __future__ import annotations

import http.server
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from tui.genesys.transport import HttpxClient, tls_for


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[str]:
    """A real HTTPS server on 127.0.0.1 with a self-signed certificate."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # The handshake runs in the request handler, which closes the connection when it fails
    # (done in accept(), a failed handshake would leave the socket to the garbage collector).
    server.socket = context.wrap_socket(
        server.socket, server_side=True, do_handshake_on_connect=False
    )
    server.daemon_threads = False  # server_close() then waits for the handler to finish
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_https_targets_verify_with_the_ca_bundle_and_plain_http_ones_trust_nothing() -> None:
    assert tls_for("https://api.mypurecloud.com") is True
    plain = tls_for("http://127.0.0.1:8787")
    assert isinstance(plain, ssl.SSLContext)
    assert plain.verify_mode == ssl.CERT_REQUIRED and plain.check_hostname
    assert plain.cert_store_stats()["x509_ca"] == 0


def test_a_plain_http_client_refuses_a_tls_server_it_is_sent_to(https_server: str) -> None:
    client = HttpxClient(verify=tls_for("http://127.0.0.1:8787"))
    options = SimpleNamespace(
        method="GET",
        url=https_server + "/",
        headers={},
        query_params={},
        post_params=None,
        body=None,
    )
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.request(options)
    client.close()
