"""A plain-HTTP target (the local sandbox) skips loading the CA bundle, and still refuses TLS."""

from __future__ import annotations

import ssl
from types import SimpleNamespace

import httpx
import pytest

from tui.genesys.transport import HttpxClient, tls_for


def test_https_targets_verify_with_the_ca_bundle_and_plain_http_ones_trust_nothing() -> None:
    assert tls_for("https://api.mypurecloud.com") is True
    plain = tls_for("http://127.0.0.1:8787")
    assert isinstance(plain, ssl.SSLContext)
    assert plain.verify_mode == ssl.CERT_REQUIRED and plain.check_hostname
    assert plain.cert_store_stats()["x509_ca"] == 0


def test_a_plain_http_client_refuses_a_tls_server_it_is_sent_to(self_signed_server: str) -> None:
    client = HttpxClient(verify=tls_for("http://127.0.0.1:8787"))
    options = SimpleNamespace(
        method="GET",
        url=self_signed_server + "/",
        headers={},
        query_params={},
        post_params=None,
        body=None,
    )
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.request(options)
    client.close()
