"""Copy as curl: the rendered request, credentials as placeholders, and back again."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tui.model.compile import compile_spec
from tui.model.curl_import import parse_curl, spec_from_curl
from tui.model.problems import DataActionError
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.runtime.curl_export import curl_command


def _spec() -> Spec:
    return Spec(
        name="Create ticket",
        request=RequestSpec(
            method="POST",
            url="https://desk.example.com/api/tickets?team=$esc.url(${input.team})",
            headers={
                "Authorization": "Bearer ${credentials.token}",
                "X-API-Key": "${credentials.apiKey}",
            },
            body='{"subject": "$esc.jsonString(${input.subject})"}',
        ),
        inputs=[
            InputSpec(name="team", sample="blue team"),
            InputSpec(name="subject", sample='He said "hi"'),
        ],
    )


def test_rendered_request_with_placeholders():
    spec = _spec()
    text = curl_command(compile_spec(spec), spec.sample_inputs())
    assert text.splitlines()[:3] == [
        "curl \\",
        "  -X POST \\",
        "  'https://desk.example.com/api/tickets?team=blue+team' \\",
    ]
    assert "Authorization: Bearer YOUR_TOKEN" in text
    assert "X-API-Key: YOUR_API_KEY" in text
    assert '{"subject": "He said \\"hi\\""}' in text
    assert "Content-Type: application/json" in text


def test_round_trip_through_the_parser():
    spec = _spec()
    text = curl_command(compile_spec(spec), spec.sample_inputs())
    back = parse_curl(text)
    assert back.request.method == "POST"
    assert back.request.headers["Authorization"] == "Bearer ${credentials.token}"
    assert back.request.body == '{"subject": "He said \\"hi\\""}'


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs a shell")
def test_the_shell_reads_the_words_we_wrote():
    spec = _spec()
    text = curl_command(compile_spec(spec), spec.sample_inputs())
    # Replace curl by printf so the real shell shows how it split the words.
    out = subprocess.run(
        ["bash", "-c", "printf '%s\\n' " + text.split(" ", 1)[1]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert '{"subject": "He said \\"hi\\""}' in out
    assert "Authorization: Bearer YOUR_TOKEN" in out


def test_basic_auth_and_get():
    spec, _ = spec_from_curl("curl -u me:pw https://api.example.com/users/{id}")
    spec.inputs[0].sample = "42"
    text = curl_command(compile_spec(spec), spec.sample_inputs(), basic_auth=True)
    assert "-X" not in text
    assert "https://api.example.com/users/42" in text
    assert "-u YOUR_USER_NAME:YOUR_PASSWORD" in text
    assert "pw" not in text.replace("YOUR_PASSWORD", "")


def test_missing_sample_says_so():
    spec, _ = spec_from_curl("curl https://api.example.com/users/{id}")
    with pytest.raises(DataActionError, match="cannot render the request"):
        curl_command(compile_spec(spec), {})
