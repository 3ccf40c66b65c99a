"""curl import: the forms API docs print, written by us in their styles (sources in comments)."""

from __future__ import annotations

import json

import pytest

from tui.model.compile import compile_spec
from tui.model.curl_import import looks_like_curl, parse_curl, spec_from_curl
from tui.model.problems import DataActionError

# (command, method, url, headers that must be present, body, auth, secret fields)
CASES = [
    # GitHub REST quickstart (docs.github.com/en/rest/quickstart?tool=curl): -L and -H, Bearer
    (
        'curl -L -H "Accept: application/vnd.github+json" -H "Authorization: Bearer ghp_abc123" '
        '-H "X-GitHub-Api-Version: 2022-11-28" https://api.github.com/repos/octo/hello/issues',
        "GET",
        "https://api.github.com/repos/octo/hello/issues",
        {"Authorization": "Bearer ${credentials.token}", "X-GitHub-Api-Version": "2022-11-28"},
        None,
        "bearer",
        {"token"},
    ),
    # GitHub's long form: --request / --url / --header, one per line
    (
        'curl --request GET \\\n  --url "https://api.github.com/repos/octo/hello/issues" \\\n'
        '  --header "Accept: application/vnd.github+json" \\\n  --header "Authorization: Bearer YOUR-TOKEN"',
        "GET",
        "https://api.github.com/repos/octo/hello/issues",
        {"Accept": "application/vnd.github+json"},
        None,
        "bearer",
        {"token"},
    ),
    # GitHub "token" scheme with a shell variable (zenn.dev notes on the GitHub API)
    (
        'curl -H "Authorization: token ${JIT}" -H "Accept: application/vnd.github+json" '
        "https://api.github.com/installation/repositories",
        "GET",
        "https://api.github.com/installation/repositories",
        {"Authorization": "token ${credentials.token}"},
        None,
        "bearer",
        {"token"},
    ),
    # Stripe-style form posts with -u key: (stripe.com/docs/api)
    (
        "curl https://api.stripe.com/v1/charges \\\n  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \\\n"
        '  -d amount=2000 \\\n  -d currency=usd \\\n  -d "description=My first charge"',
        "POST",
        "https://api.stripe.com/v1/charges",
        {"Content-Type": "application/x-www-form-urlencoded"},
        "amount=2000&currency=usd&description=My first charge",
        "basic",
        {"userName", "password"},
    ),
    # Stripe nested form keys -d card[number]=... (webpay/stripe examples)
    (
        "curl https://api.stripe.com/v1/payment_intents -u sk_test_x: -d amount=1000 "
        "-d 'payment_method_types[]=card'",
        "POST",
        "https://api.stripe.com/v1/payment_intents",
        {},
        "amount=1000&payment_method_types[]=card",
        "basic",
        {"userName"},
    ),
    # Twilio: -X POST, --data-urlencode, -u SID:TOKEN (twilio.com/docs/messaging)
    (
        "curl -X POST https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json \\\n"
        '--data-urlencode "To=+15558675310" \\\n--data-urlencode "Body=Hi there, 3PM?" \\\n'
        "-u ACxxxx:your_auth_token",
        "POST",
        "https://api.twilio.com/2010-04-01/Accounts/$esc.url(${input.AccountSid})/Messages.json",
        {},
        "To=%2B15558675310&Body=Hi%20there%2C%203PM%3F",
        "basic",
        {"userName", "password"},
    ),
    # SendGrid: --request POST --url --header --data with JSON (twilio.com/docs/sendgrid)
    (
        "curl --request POST --url https://api.sendgrid.com/v3/mail/send "
        "--header 'Authorization: Bearer SG.secret' --header 'Content-Type: application/json' "
        '--data \'{"personalizations":[{"to":[{"email":"a@example.com"}]}],"subject":"Hi"}\'',
        "POST",
        "https://api.sendgrid.com/v3/mail/send",
        {"Content-Type": "application/json", "Authorization": "Bearer ${credentials.token}"},
        '{"personalizations":[{"to":[{"email":"a@example.com"}]}],"subject":"Hi"}',
        "bearer",
        {"token"},
    ),
    # curl's own --get form with -d pairs (curl docs: --get -d "tool=curl" -d "age=old" $URL)
    (
        "curl --get http://acme.example/tasks -d status=overdue -d since=today",
        "GET",
        "http://acme.example/tasks?status=overdue&since=today",
        {},
        None,
        "none",
        set(),
    ),
    # -G with --data-urlencode (gist joyrexus: curl -d ... --data-urlencode "contains=bob jones" -G)
    (
        'curl -d status=overdue --data-urlencode "contains=bob jones" -G http://acme.example/search',
        "GET",
        "http://acme.example/search?status=overdue&contains=bob%20jones",
        {},
        None,
        "none",
        set(),
    ),
    # --json shortcut (everything.curl.dev/http/post/json)
    (
        'curl --json \'{"tool": "curl"}\' https://example.com/items',
        "POST",
        "https://example.com/items",
        {"Content-Type": "application/json", "Accept": "application/json"},
        '{"tool": "curl"}',
        "none",
        set(),
    ),
    # devhints: -X POST, -H content type, -d JSON
    (
        "curl -X POST https://api.example.com/items -H 'Content-Type: application/json' "
        '-d \'{"name":"Ada"}\'',
        "POST",
        "https://api.example.com/items",
        {"Content-Type": "application/json"},
        '{"name":"Ada"}',
        "none",
        set(),
    ),
    # lowercase method (gist Rafe: curl -X put -d ...)
    (
        "curl -X put -d '{\"name\": \"Ted\"}' -H 'Content-Type: application/json' "
        "http://api.example.com/items/1",
        "PUT",
        "http://api.example.com/items/1",
        {},
        '{"name": "Ted"}',
        "none",
        set(),
    ),
    # Zendesk: email/token basic auth with shell variables (developer.zendesk.com)
    (
        'curl -s "https://${ZENDESK_SUBDOMAIN}.zendesk.com/api/v2/tickets.json" '
        '-u "${ZENDESK_EMAIL}/token:${ZENDESK_API_TOKEN}"',
        "GET",
        "https://${input.ZENDESK_SUBDOMAIN}.zendesk.com/api/v2/tickets.json",
        {},
        None,
        "basic",
        {"userName", "password"},
    ),
    # Zendesk create ticket: -v -u, -X POST, JSON -d
    (
        "curl https://mysub.zendesk.com/api/v2/tickets.json -v -u agent@example.com/token:abc "
        '-X POST -H "Content-Type: application/json" '
        '-d \'{"ticket": {"subject": "Help", "comment": {"body": "Printer on fire"}}}\'',
        "POST",
        "https://mysub.zendesk.com/api/v2/tickets.json",
        {"Content-Type": "application/json"},
        '{"ticket": {"subject": "Help", "comment": {"body": "Printer on fire"}}}',
        "basic",
        {"userName"},
    ),
    # Atlassian: -D- -u email:token -X GET -H (developer.atlassian.com basic auth)
    (
        "curl -D- \\\n -u user@example.com:user_api_token \\\n -X GET \\\n"
        ' -H "Content-Type: application/json" \\\n https://api.atlassian.com/jsm/ops/api/{cloudId}/v1/schedules/{scheduleId}',
        "GET",
        "https://api.atlassian.com/jsm/ops/api/$esc.url(${input.cloudId})/v1/schedules/$esc.url(${input.scheduleId})",
        {},
        None,
        "basic",
        {"userName", "password"},
    ),
    # Jira: --user and --header with single quotes
    (
        "curl --request GET --url 'https://your-domain.atlassian.net/rest/api/3/issue/PROJ-1' "
        "--user 'email@example.com:<api_token>' --header 'Accept: application/json'",
        "GET",
        "https://your-domain.atlassian.net/rest/api/3/issue/PROJ-1",
        {"Accept": "application/json"},
        None,
        "basic",
        {"userName", "password"},
    ),
    # ServiceNow table API: quoted URL first, --request, --header without space, --user 'a':'b'
    (
        'curl "https://instance.service-now.com/api/now/table/incident?sysparm_limit=1" '
        "--request GET --header \"Accept:application/json\" --user 'admin':'admin'",
        "GET",
        "https://instance.service-now.com/api/now/table/incident?sysparm_limit=1",
        {"Accept": "application/json"},
        None,
        "basic",
        {"userName", "password"},
    ),
    # ServiceNow OAuth: -H "Authorization:Bearer x" without a space after the colon
    (
        'curl -H "Accept:application/json" -H "Authorization:Bearer 2wRlsRCT2SY" '
        '"https://dev1.service-now.com/api/now/table/incident"',
        "GET",
        "https://dev1.service-now.com/api/now/table/incident",
        {"Authorization": "Bearer ${credentials.token}"},
        None,
        "bearer",
        {"token"},
    ),
    # ServiceNow DELETE by sys_id
    (
        'curl "https://instance.service-now.com/api/now/table/incident/d977b66a" '
        '--request DELETE --header "Accept:application/json" --user admin:admin',
        "DELETE",
        "https://instance.service-now.com/api/now/table/incident/d977b66a",
        {},
        None,
        "basic",
        {"userName"},
    ),
    # API key in a header (SendGrid/OpenWeather style x-api-key)
    (
        "curl -H 'x-api-key: 0123456789abcdef' 'https://api.example.com/v1/weather?q=Paris'",
        "GET",
        "https://api.example.com/v1/weather?q=Paris",
        {"x-api-key": "${credentials.apiKey}"},
        None,
        "apikey",
        {"apiKey"},
    ),
    # API key in the query string (OpenWeatherMap: ?q=London&appid=KEY)
    (
        'curl "https://api.openweathermap.org/data/2.5/weather?q=London&appid=abc123&units=metric"',
        "GET",
        "https://api.openweathermap.org/data/2.5/weather?q=London&appid=$esc.url(${credentials.apiKey})&units=metric",
        {},
        None,
        "apikey",
        {"apiKey"},
    ),
    # Combined short flags -sSL and -XPOST attached (common in READMEs)
    (
        "curl -sSL -XPOST https://hooks.example.com/services/T000/B000 "
        "-H 'Content-type: application/json' --data '{\"text\":\"Hello, World!\"}'",
        "POST",
        "https://hooks.example.com/services/T000/B000",
        {"Content-type": "application/json"},
        '{"text":"Hello, World!"}',
        "none",
        set(),
    ),
    # --oauth2-bearer (curl man page)
    (
        "curl --oauth2-bearer mF_9.B5f-4.1JqM https://api.example.com/me",
        "GET",
        "https://api.example.com/me",
        {"Authorization": "Bearer ${credentials.token}"},
        None,
        "bearer",
        {"token"},
    ),
    # Genesys Cloud platform API with a Bearer token (developer.genesys.cloud examples)
    (
        "curl -X GET 'https://api.mypurecloud.com/api/v2/users/me' "
        "-H 'Authorization: Bearer eyJhbGciOi' -H 'Content-Type: application/json'",
        "GET",
        "https://api.mypurecloud.com/api/v2/users/me",
        {"Authorization": "Bearer ${credentials.token}"},
        None,
        "bearer",
        {"token"},
    ),
    # PowerShell continuation with backticks (gist epidemicz)
    (
        'curl -L `\n-H "Accept: application/vnd.github+json" `\n'
        "https://api.github.com/repos/OWNER/REPO/releases",
        "GET",
        "https://api.github.com/repos/OWNER/REPO/releases",
        {"Accept": "application/vnd.github+json"},
        None,
        "none",
        set(),
    ),
    # Postman export with <placeholders> and a pipe to jq
    (
        "curl --location 'https://api.example.com/customers/<customerId>/orders' "
        "--header 'Accept: application/json' | jq .",
        "GET",
        "https://api.example.com/customers/$esc.url(${input.customerId})/orders",
        {"Accept": "application/json"},
        None,
        "none",
        set(),
    ),
    # Postman {{variables}} and a copied prompt "$ "
    (
        "$ curl 'https://{{host}}/api/v1/orders/{{orderId}}' -H 'Accept: application/json'",
        "GET",
        "https://${input.host}/api/v1/orders/$esc.url(${input.orderId})",
        {},
        None,
        "none",
        set(),
    ),
    # --data-raw with a JSON body holding $ and # (Mongo-style query, gist bryder)
    (
        "curl -X POST https://db.example.com/find -H 'Content-Type: application/json' "
        '--data-raw \'{"_id": {"$in": ["a", "b"]}, "tag": "#vip"}\'',
        "POST",
        "https://db.example.com/find",
        {},
        '{"_id": {"${esc.dollar}in": ["a", "b"]}, "tag": "${esc.hash}vip"}',
        "none",
        set(),
    ),
    # user:password in the URL, -i -k flags (gist gustavobgama)
    (
        "curl -i -k https://user:pa55@legacy.example.com/productimage/list",
        "GET",
        "https://legacy.example.com/productimage/list",
        {},
        None,
        "basic",
        {"userName", "password"},
    ),
    # -A user agent, -e referer, --compressed, -o output ignored
    (
        "curl --compressed -A 'my-agent/1.0' -e https://ref.example.com -o out.json "
        "https://api.example.com/things",
        "GET",
        "https://api.example.com/things",
        {"User-Agent": "my-agent/1.0", "Referer": "https://ref.example.com"},
        None,
        "none",
        set(),
    ),
]


@pytest.mark.parametrize(("command", "method", "url", "headers", "body", "auth", "secrets"), CASES)
def test_curl_forms_from_api_docs(command, method, url, headers, body, auth, secrets):
    imp = parse_curl(command)
    assert imp.request.method == method
    assert imp.request.url == url
    for k, v in headers.items():
        assert imp.request.headers[k] == v
    assert imp.request.body == body
    assert imp.auth == auth
    assert secrets <= set(imp.secrets)
    spec = imp.to_spec("From curl")
    compile_spec(spec)  # every import compiles to a valid wire action


def test_at_least_25_doc_forms():
    assert len(CASES) >= 25


def test_secrets_never_reach_the_spec_yaml():
    from tui.model.formats import spec_to_yaml

    spec, imp = spec_from_curl(
        "curl -u admin:hunter2 -H 'Authorization: Bearer tok-SECRET' "
        "-H 'X-API-Key: key-SECRET' 'https://api.example.com/x?api_key=q-SECRET'"
    )
    text = spec_to_yaml(spec) + json.dumps(compile_spec(spec).model_dump(mode="json"))
    for secret in ("hunter2", "tok-SECRET", "key-SECRET", "q-SECRET"):
        assert secret not in text
    assert imp.secrets["password"] == "hunter2"
    assert "hunter2" not in repr(imp)


def test_placeholders_become_inputs_with_types_and_required():
    spec, _ = spec_from_curl("curl https://api.example.com/users/{userId}/orders?status={status}")
    assert [i.name for i in spec.inputs] == ["userId", "status"]
    assert all(i.required for i in spec.inputs)
    assert spec.request.url.endswith("?status=$esc.url(${input.status})")


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("wget https://example.com", "not a curl command"),
        ("curl -H 'Accept: x'", "no URL"),
        ("curl -X 'POST https://x.example", "quotes"),
        ("curl -F file=@a.png https://up.example.com", "multipart"),
        ("curl -I https://example.com", "HEAD"),
        ("curl -X OPTIONS https://example.com", "OPTIONS cannot"),
        ("curl -d @body.json https://example.com", "file"),
        ("curl https://example.com -H", "needs a value"),
    ],
)
def test_bad_curl_says_why(command, message):
    with pytest.raises(DataActionError) as err:
        parse_curl(command)
    assert message in str(err.value)


def test_paste_detection():
    assert looks_like_curl("curl https://x.example")
    assert looks_like_curl("  $ curl -X POST x")
    assert not looks_like_curl("https://curl.example/x")


def test_ignored_options_are_reported():
    imp = parse_curl(
        "curl --max-time 5 --retry 3 --trace-what x https://e.example/a https://e.example/b"
    )
    assert any("--max-time" in n for n in imp.notes)
    assert any("extra URL" in n for n in imp.notes)
    assert any("--trace-what" in n for n in imp.notes)


def test_terminal_paste_with_carriage_returns():
    """Terminals deliver a pasted newline as CR: continuations still join (found in tmux)."""
    imp = parse_curl("curl -X GET 'https://api.example.com/a' \\\r  -H 'Accept: application/json'")
    assert imp.request.headers == {"Accept": "application/json"}
    assert not any("extra URL" in n for n in imp.notes)


def test_every_importer_ends_an_escaped_input_before_an_extension() -> None:
    """One spelling for an escaped input in a URL (tui.model.urls.escaped_input): before
    `.json` the formal form, which Velocity (and the Java oracle) ends at its brace."""
    from tui.model.urls import escape_url_inputs

    wizard, _ = escape_url_inputs("https://x.zendesk.com/api/v2/users/${input.id}.json")
    curl = parse_curl("curl https://{sub}.zendesk.com/api/v2/users/{id}.json").request.url
    assert wizard.endswith("/users/${esc.url(${input.id})}.json")
    assert curl == "https://${input.sub}.zendesk.com/api/v2/users/${esc.url(${input.id})}.json"
