"""The bad-input catalogue: what a new user (or an attacker) might hand each command.

Every case names the README exit code it must end with (0 ok; 1 invalid or failed; 2 usage or
configuration; 3 authentication; 4 API or network error). `{api}`, `{drip}` and `{dir}` in
arguments, environment values and files are replaced by the hostile server's URL, a slow-drip
server's URL and the case's own folder.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import yaml

FileContent = str | bytes | None  # None: make a FIFO


@dataclass
class Case:
    id: str
    args: list[str]
    code: int | tuple[int, ...]
    files: dict[str, FileContent] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    says: str = ""  # a phrase the one clear error must contain (case-insensitive)
    time_cap: float = 25.0

    @property
    def codes(self) -> tuple[int, ...]:
        return self.code if isinstance(self.code, tuple) else (self.code,)


BASE: dict[str, Any] = {
    "name": "Hostile Weather",
    "category": "Hostile",
    "timeout": 3,
    "request": {
        "method": "GET",
        "url": "{api}/ok?q=$esc.url(${input.city})",
        "headers": {"Accept": "application/json"},
    },
    "inputs": [{"name": "city", "sample": "Paris"}],
    "outputs": [
        {"name": "cityName", "path": "$.name"},
        {"name": "temperature", "path": "$.main.temp", "type": "number"},
    ],
}
GOOD = yaml.safe_dump(BASE, sort_keys=False)


def spec(**changes: Any) -> str:
    """The base spec with dotted paths replaced (`request.url`) or removed (value `...`)."""
    doc = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        keys = dotted.split("__")
        node = doc
        for k in keys[:-1]:
            node = node[k]
        if value is ...:
            node.pop(keys[-1], None)
        else:
            node[keys[-1]] = value
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\nname: bomb\n"


# -- validate: one field wrong at a time --------------------------------------------------
SPEC_MUTATIONS: dict[str, dict[str, Any]] = {
    "name-empty": {"name": ""},
    "name-blank": {"name": "   "},
    "name-nul": {"name": "a\0b"},
    "name-lone-surrogate": {"name": "a\ud800b"},
    "name-300-chars": {"name": "n" * 300},
    "name-number": {"name": 123},
    "name-list": {"name": ["a"]},
    "name-map": {"name": {"a": 1}},
    "name-null": {"name": None},
    "name-missing": {"name": ...},
    "category-300": {"category": "c" * 300},
    "category-list": {"category": ["a"]},
    "timeout-0": {"timeout": 0},
    "timeout-61": {"timeout": 61},
    "timeout-negative": {"timeout": -5},
    "timeout-text": {"timeout": "abc"},
    "timeout-huge": {"timeout": 10**30},
    "timeout-float-inf": {"timeout": float("inf")},
    "request-text": {"request": "GET /x"},
    "request-list": {"request": []},
    "method-unknown": {"request__method": "FETCH"},
    "method-number": {"request__method": 5},
    "method-empty": {"request__method": ""},
    "url-empty": {"request__url": ""},
    "url-ftp": {"request__url": "ftp://example.com/x"},
    "url-open-if": {"request__url": "https://x.example/#if($input.city)"},
    "url-open-brace": {"request__url": "https://x.example/${input.city"},
    "url-bad-call": {"request__url": "https://x.example/$esc.url(("},
    "url-unknown-input": {"request__url": "https://x.example/${input.nothere}"},
    "url-bracket-host": {"request__url": "http://[::1/x"},
    "headers-list": {"request__headers": ["Accept: x"]},
    "headers-accept-html": {"request__headers": {"Accept": "text/html"}},
    "headers-number-value": {"request__headers": {"X-N": 5}},
    "headers-newline-name": {"request__headers": {"a\nb": "v"}},
    "headers-bad-template": {"request__headers": {"X-A": "#foreach("}},
    "body-open-foreach": {"request__method": "POST", "request__body": "#foreach($x in [1..3])"},
    "inputs-text": {"inputs": "city"},
    "inputs-numbers": {"inputs": [1, 2]},
    "input-name-digit": {"inputs": [{"name": "1city"}]},
    "input-name-reserved": {"inputs": [{"name": "orgId"}]},
    "input-name-space": {"inputs": [{"name": "my city"}]},
    "input-type-object": {"inputs": [{"name": "city", "type": "object"}]},
    "input-type-unknown": {"inputs": [{"name": "city", "type": "wat"}]},
    "input-duplicate": {"inputs": [{"name": "city"}, {"name": "city"}]},
    "input-empty-map": {"inputs": [{}]},
    "input-sample-map": {"inputs": [{"name": "city", "sample": {"a": 1}}]},
    "outputs-text": {"outputs": "temp"},
    "output-no-path": {"outputs": [{"name": "x"}]},
    "output-path-open": {"outputs": [{"name": "x", "path": "$["}]},
    "output-path-empty": {"outputs": [{"name": "x", "path": ""}]},
    "output-path-dots": {"outputs": [{"name": "x", "path": "$.."}]},
    "output-type-unknown": {"outputs": [{"name": "x", "path": "$.a", "type": "wat"}]},
    "output-items-object": {
        "outputs": [{"name": "x", "path": "$.a[*]", "type": "array", "items": "wat"}]
    },
    "output-default-not-json": {"outputs": [{"name": "x", "path": "$.a", "default": "{oops"}]},
    "output-name-digit": {"outputs": [{"name": "1x", "path": "$.a"}]},
    "output-name-space": {"outputs": [{"name": "a b", "path": "$.a"}]},
    "output-duplicate": {"outputs": [{"name": "x", "path": "$.a"}, {"name": "x", "path": "$.b"}]},
    "input-schema-list": {"input_schema": ["a"]},
    "input-schema-string-root": {"input_schema": {"type": "string"}},
    "input-schema-ref": {"input_schema": {"type": "object", "properties": {"a": {"$ref": "#"}}}},
    "input-schema-properties-list": {
        "input_schema": {"type": "object", "properties": [{"name": "a"}]}
    },
    "output-schema-properties-list": {
        "output_schema": {"type": "object", "properties": [{"name": "a", "type": "string"}]}
    },
    "output-schema-string-root": {"output_schema": {"type": "string"}},
    "output-schema-nested-arrays": {
        "output_schema": {
            "type": "object",
            "properties": {"a": {"type": "array", "items": {"type": "array"}}},
        }
    },
    "output-schema-required-text": {"output_schema": {"type": "object", "required": "a"}},
    "output-schema-type-wat": {
        "output_schema": {"type": "object", "properties": {"a": {"type": 5}}}
    },
    "success-template-open-if": {"success_template": "#if(true"},
    "success-template-open-ref": {"success_template": "${x"},
    "unknown-top-field": {"nmae": "typo"},
    "wire-text": {"wire": "text"},
    "sample-response-missing": {"sample_response": "nothere.json"},
    "sample-response-dev-zero": {"sample_response": "/dev/zero"},
    "sample-response-folder": {"sample_response": "/"},
    "sample-response-not-json": {"sample_response": "notjson.txt"},
    "integration-type-unknown": {"integration_type": 5},
    "secure-text": {"secure": "very"},
}

# Defaults are raw JSON text for the success template; one that is not JSON only fails when
# it is used (a custom template may quote it), so validate may let it pass.
LENIENT: dict[str, int | tuple[int, ...]] = {"output-default-not-json": (0, 1)}

RAW_FILES: dict[str, tuple[str, FileContent, str]] = {
    # id: (file name, content, phrase)
    "empty": ("a.yaml", "", "empty"),
    "whitespace": ("a.yaml", "  \n\n\t\n", "empty"),
    "binary": ("a.yaml", bytes(range(256)), ""),
    "not-utf8": ("a.yaml", "name: caf\xe9\n".encode("latin-1"), "UTF-8"),
    "utf16": ("a.yaml", "name: x\n".encode("utf-16"), ""),
    "top-list": ("a.yaml", "- a\n- b\n", "mapping"),
    "top-scalar": ("a.yaml", "hello\n", ""),
    "yaml-syntax": ("a.yaml", "name: [unclosed\n", "YAML"),
    "yaml-tab-indent": ("a.yaml", "name: x\nrequest:\n\turl: y\n", "YAML"),
    "yaml-python-tag": ("a.yaml", "name: !!python/object/apply:os.system ['true']\n", ""),
    "yaml-duplicate-anchor-bomb": ("a.yaml", alias_bomb(), "YAML nodes"),
    "yaml-cycle": ("a.yaml", "a: &a [*a]\nname: x\n", "cycle"),
    "yaml-deep": ("a.yaml", "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
    "json-deep": ("a.json", '{"name": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    "json-syntax": ("a.json", '{"name": "x",}', "JSON"),
    "json-list": ("a.json", "[1, 2]", ""),
    "json-nan": ("a.json", '{"name": NaN}', ""),
    "custom-json-unknown-keys": ("a.custom.json", '{"name": "x", "evil": 1}', "unknown field"),
    "custom-json-list": ("a.custom.json", "[]", "object"),
    "custom-json-config-text": (
        "a.custom.json",
        '{"name": "x", "config": "no", "contract": {}, "actionType": "custom"}',
        "",
    ),
    "tf-garbage": ("a.tf", 'resource "x" {{{', ""),
    "tf-empty": ("a.tf", "\n", "empty"),
    "tf-no-action": ("a.tf", 'variable "x" {}\n', ""),
    "tf-deep-json": (
        "a.tf",
        'resource "genesyscloud_integration_action" "a" {\n  name = "x"\n  contract_input = '
        "jsonencode(" + "[" * 5000 + "]" * 5000 + ")\n}\n",
        "",
    ),
    "unknown-extension": ("a.exe", "MZ\x00\x00", ""),
    "over-size-limit": ("a.yaml", "#" * (6 << 20), "DATAACTION_MAX_FILE_BYTES"),
    "fifo": ("a.yaml", None, "FIFO"),
}


def _validate_cases() -> list[Case]:
    cases = [
        Case(f"validate-spec-{k}", ["validate", "a.yaml"], LENIENT.get(k, 1), {"a.yaml": spec(**v)})
        for k, v in SPEC_MUTATIONS.items()
    ]
    cases[-1:] = cases[-1:]  # keep order stable
    cases += [
        Case(f"validate-file-{k}", ["validate", name], 1, {name: content}, says=phrase)
        for k, (name, content, phrase) in RAW_FILES.items()
    ]
    cases += [
        Case("validate-missing-file", ["validate", "nothere.yaml"], 2, says="no such file"),
        Case("validate-dev-zero", ["validate", "/dev/zero"], 1, says="device"),
        Case("validate-folder-empty", ["validate", "."], 1, says="no action files"),
        Case("validate-proc-mem", ["validate", "/proc/self/mem"], 1),
        Case("validate-no-files", ["validate"], 2),
        Case("validate-bad-flag", ["validate", "--nope", "a.yaml"], 2, {"a.yaml": GOOD}),
        Case(
            "validate-sample-missing",
            ["validate", "a.yaml", "--sample", "nothere.json"],
            1,
            {"a.yaml": GOOD},
        ),
        Case(
            "validate-sample-fifo",
            ["validate", "a.yaml", "--sample", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": None},
        ),
        Case(
            "validate-sample-deep",
            ["validate", "a.yaml", "--sample", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": "[" * 100_000 + "]" * 100_000},
        ),
        Case(
            "validate-json-report-bomb",
            ["validate", "--json", "a.yaml"],
            1,
            {"a.yaml": alias_bomb()},
        ),
    ]
    return cases


# -- test (local) ---------------------------------------------------------------------------
def _test_cases() -> list[Case]:
    num = spec(inputs=[{"name": "n", "type": "number", "sample": 1}])
    integer = spec(inputs=[{"name": "n", "type": "integer", "sample": 1}])
    boolean = spec(inputs=[{"name": "b", "type": "boolean", "sample": True}])
    t = "test"

    def live(path: str, *extra: str, code: int | tuple[int, ...] = 1, says: str = "") -> Case:
        return Case(
            f"test-live-{path.strip('/')}",
            [t, "a.yaml", *extra],
            code,
            {"a.yaml": spec(request__url="{api}" + path)},
            says=says,
        )

    cases = [
        Case("test-input-no-equals", [t, "a.yaml", "--input", "city"], 2, {"a.yaml": GOOD}),
        Case("test-input-empty-key", [t, "a.yaml", "--input", "=x"], 2, {"a.yaml": GOOD}),
        Case("test-input-integer-text", [t, "a.yaml", "-i", "n=seven"], 1, {"a.yaml": integer}),
        Case("test-input-integer-float", [t, "a.yaml", "-i", "n=1.5"], 1, {"a.yaml": integer}),
        Case("test-input-number-inf", [t, "a.yaml", "-i", "n=1e999"], 1, {"a.yaml": num}),
        Case("test-input-number-nan", [t, "a.yaml", "-i", "n=nan"], 1, {"a.yaml": num}),
        Case(
            "test-input-number-huge-int", [t, "a.yaml", "-i", "n=" + "9" * 5000], 1, {"a.yaml": num}
        ),
        Case("test-input-boolean-maybe", [t, "a.yaml", "-i", "b=maybe"], 1, {"a.yaml": boolean}),
        Case(
            "test-input-unknown",
            [t, "a.yaml", "-i", "zzz=1", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": "{}"},
        ),
        Case("test-status-text", [t, "a.yaml", "--status", "abc"], 2, {"a.yaml": GOOD}),
        Case(
            "test-status-negative",
            [t, "a.yaml", "--status", "-1", "--response-file", "r.json"],
            (1, 2),
            {"a.yaml": GOOD, "r.json": "{}"},
        ),
        Case(
            "test-status-huge",
            [t, "a.yaml", "--status", "99999", "--response-file", "r.json"],
            (1, 2),
            {"a.yaml": GOOD, "r.json": "{}"},
        ),
        Case("test-no-file", [t], 2),
        Case("test-missing-file", [t, "nothere.yaml"], 2, says="no such file"),
        Case(
            "test-response-missing",
            [t, "a.yaml", "--response-file", "nothere.json"],
            2,
            {"a.yaml": GOOD},
        ),
        Case(
            "test-response-folder",
            [t, "a.yaml", "--response-file", "."],
            1,
            {"a.yaml": GOOD},
            says="directory",
        ),
        Case(
            "test-response-fifo",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": None},
            says="FIFO",
        ),
        Case(
            "test-response-dev-zero",
            [t, "a.yaml", "--response-file", "/dev/zero"],
            1,
            {"a.yaml": GOOD},
            says="device",
        ),
        Case(
            "test-response-deep",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": "[" * 100_000 + "]" * 100_000},
            says="nested too deeply",
        ),
        Case(
            "test-response-deep-object",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": '{"a":' * 50_000 + "1" + "}" * 50_000},
        ),
        Case(
            "test-response-over-limit",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": b" " * (21 << 20)},
        ),
        Case(
            "test-response-binary",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": bytes(range(256))},
        ),
        Case(
            "test-response-html",
            [t, "a.yaml", "--response-file", "r.json"],
            1,
            {"a.yaml": GOOD, "r.json": "<html></html>"},
        ),
        Case(
            "test-response-lone-surrogate",
            [t, "a.yaml", "--response-file", "r.json"],
            (0, 1),
            {"a.yaml": GOOD, "r.json": '{"name": "\\ud800", "main": {"temp": 1}}'},
        ),
        Case("test-sample-none", [t, "a.yaml", "--sample"], 1, {"a.yaml": GOOD}),
        Case(
            "test-base-url-garbage",
            [t, "a.yaml", "--base-url", "::::", "--response-file", "r.json"],
            (0, 1, 2),
            {
                "a.yaml": spec(request__url="/api/v2/x"),
                "r.json": '{"name": "a", "main": {"temp": 1}}',
            },
        ),
        Case(
            "test-url-refused",
            [t, "a.yaml"],
            1,
            {"a.yaml": spec(request__url="http://127.0.0.1:9/x")},
        ),
        Case(
            "test-url-unresolvable",
            [t, "a.yaml"],
            1,
            {"a.yaml": spec(request__url="http://no-such-host.invalid/x")},
        ),
        Case(
            "test-url-drip",
            [t, "a.yaml"],
            1,
            {"a.yaml": spec(request__url="{drip}/x", timeout=2)},
            says="timed out",
            time_cap=15,
        ),
        live("/deep", says="nested too deeply"),
        live("/deepobj"),
        live("/html"),
        live("/empty"),
        live("/text"),
        live("/binary"),
        live("/e500"),
        live("/e404"),
        live("/nan"),
        live("/bignum", code=(0, 1)),
        live("/surrogate", code=0),
        live("/latin1"),
        live("/loop", says="redirect"),
        live("/away", says="redirect"),
        live("/ok", "--json", "--flatten", code=0),
        Case("test-junit-without-suite", [t, "a.yaml", "--junit", "j.xml"], 2, {"a.yaml": GOOD}),
        Case("test-suite-missing-folder", [t, "--suite", "nothere"], (1, 2)),
    ]
    return cases


# -- convert --------------------------------------------------------------------------------
def _convert_cases() -> list[Case]:
    c = "convert"
    return [
        Case("convert-bad-format", [c, "a.yaml", "--to", "xml"], 2, {"a.yaml": GOOD}),
        Case("convert-no-to", [c, "a.yaml"], 2, {"a.yaml": GOOD}),
        Case(
            "convert-output-folder",
            [c, "a.yaml", "--to", "json", "-o", "."],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "convert-output-missing-folder",
            [c, "a.yaml", "--to", "json", "-o", "no/such/x.json"],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "convert-output-dev-full",
            [c, "a.yaml", "--to", "json", "-o", "/dev/full"],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "convert-output-empty",
            [c, "a.yaml", "--to", "json", "-o", ""],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "convert-output-proc",
            [c, "a.yaml", "--to", "json", "-o", "/proc/version"],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case("convert-bad-input", [c, "a.yaml", "--to", "hcl"], 1, {"a.yaml": alias_bomb()}),
        Case(
            "convert-typo-schema",
            [c, "a.yaml", "--to", "custom-json"],
            (0, 1),
            {"a.yaml": spec(output_schema={"type": "object", "properties": [{"name": "a"}]})},
        ),
        Case(
            "convert-nul-name-hcl",
            [c, "a.yaml", "--to", "hcl"],
            (0, 1),
            {"a.yaml": spec(name="a\0b")},
        ),
    ]


# -- org commands (embedded sandbox unless a target is set) ---------------------------------
TOKEN_CLIENTS = (
    "html", "empty", "notjson", "list", "notoken", "inttoken", "badexpiry", "hugeexpiry", "deep",
    "e401", "e403", "e400", "e500", "e302",
)  # fmt: skip


def _org_cases() -> list[Case]:
    typo = spec(output_schema={"type": "object", "properties": [{"name": "a", "type": "string"}]})
    cases = [
        Case("deploy-typo-schema", ["deploy", "a.yaml"], 1, {"a.yaml": typo}, says="JSON Schema"),
        Case(
            "deploy-bad-velocity",
            ["deploy", "a.yaml"],
            1,
            {"a.yaml": spec(request__url="https://x.example/#if(")},
        ),
        Case(
            "deploy-same-name-twice",
            ["deploy", "a.yaml", "b.yaml"],
            1,
            {"a.yaml": GOOD, "b.yaml": GOOD},
            says="two files",
        ),
        Case("deploy-nul-name", ["deploy", "a.yaml"], 1, {"a.yaml": spec(name="a\0b")}),
        Case("deploy-surrogate-name", ["deploy", "a.yaml"], 1, {"a.yaml": spec(name="a\ud800")}),
        Case("deploy-missing-file", ["deploy", "nothere.yaml"], 2),
        Case(
            "deploy-sandbox-db-folder",
            ["deploy", "a.yaml", "--sandbox-db", "."],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-sandbox-db-dev-null",
            ["deploy", "a.yaml", "--sandbox-db", "/dev/null"],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-sandbox-db-proc",
            ["deploy", "a.yaml", "--sandbox-db", "/proc/x.db"],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-sandbox-db-not-sqlite",
            ["deploy", "a.yaml", "--sandbox-db", "x.db"],
            (1, 2),
            {"a.yaml": GOOD, "x.db": "this is not a database" * 100},
        ),
        Case(
            "deploy-secret-env-unset",
            ["deploy", "a.yaml", "--client-id", "x", "--client-secret-env", "NOPE_UNSET"],
            2,
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-environment-garbage",
            ["deploy", "a.yaml"],
            2,
            {"a.yaml": GOOD},
            env={
                "GENESYS_CLIENT_ID": "a",
                "GENESYS_CLIENT_SECRET": "b",
                "GENESYS_ENVIRONMENT": "not a region!",
            },
        ),
        Case(
            "deploy-environment-refused",
            ["deploy", "a.yaml"],
            4,
            {"a.yaml": GOOD},
            env={
                "GENESYS_CLIENT_ID": "a",
                "GENESYS_CLIENT_SECRET": "b",
                "GENESYS_ENVIRONMENT": "http://127.0.0.1:9",
            },
        ),
        Case(
            "deploy-non-ascii-secret",
            ["deploy", "a.yaml"],
            (2, 3),
            {"a.yaml": GOOD},
            env={
                "GENESYS_CLIENT_ID": "a",
                "GENESYS_CLIENT_SECRET": "sécret",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        ),
        Case(
            "deploy-client-id-only",
            ["deploy", "a.yaml"],
            2,
            {"a.yaml": GOOD},
            env={"GENESYS_CLIENT_ID": "a"},
        ),
        Case(
            "deploy-credential-field-bad",
            [
                "deploy",
                "a.yaml",
                "--credential",
                "c",
                "--create-credential",
                "basicAuth",
                "--credential-field",
                "nonsense",
            ],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-credential-field-unset",
            [
                "deploy",
                "a.yaml",
                "--credential",
                "c",
                "--create-credential",
                "userDefined",
                "--credential-field",
                "key=NOPE_UNSET",
            ],
            (1, 2),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-bad-integration",
            ["deploy", "a.yaml", "--integration", "nope"],
            (1, 4),
            {"a.yaml": GOOD},
        ),
        Case(
            "deploy-garbage-org",
            ["deploy", "a.yaml"],
            4,
            {"a.yaml": GOOD},
            env={
                "GENESYS_CLIENT_ID": "ok",
                "GENESYS_CLIENT_SECRET": "b",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        ),
        Case("deploy-ok", ["deploy", "a.yaml", "--json"], 0, {"a.yaml": GOOD}),
        Case(
            "deploy-dry-run-detailed",
            ["deploy", "a.yaml", "--dry-run", "--detailed-exitcode"],
            1,
            {"a.yaml": GOOD},
        ),
        Case("export-out-is-file", ["export", "--out", "f"], (1, 2), {"f": "x"}),
        Case("export-out-proc", ["export", "--out", "/proc/nope"], (1, 2)),
        Case("export-bad-format", ["export", "--format", "xml"], 2),
        Case("export-empty-org", ["export", "--out", "o"], 1),
        Case("export-name-missing", ["export", "--name", "nothing"], 1),
        Case("import-not-custom-json", ["import", "a.yaml"], 1, {"a.yaml": alias_bomb()}),
        Case("import-missing", ["import", "nothere.custom.json"], 2),
        Case(
            "import-typo-schema",
            ["import", "a.custom.json"],
            1,
            {
                "a.custom.json": (
                    '{"name": "x", "integrationType": "custom-rest-actions", "actionType": "custom",'
                    ' "config": {"request": {"requestUrlTemplate": "https://x.example", "requestType": "GET",'
                    ' "headers": {}}, "response": {}}, "contract": {"input": {"inputSchema": {"type": '
                    '"object", "properties": {}}}, "output": {"successSchema": {"type": "object",'
                    ' "properties": [1]}}}, "secure": false}'
                )
            },
        ),
        Case("import-fifo", ["import", "a.custom.json"], 1, {"a.custom.json": None}),
        # A name the org does not hold is a failed request (1), not an API/network error (4).
        Case("drafts-delete-missing", ["drafts", "--delete", "nothing"], 1, says="no draft"),
        Case(
            "drafts-token-html",
            ["drafts"],
            (3, 4),
            env={
                "GENESYS_CLIENT_ID": "html",
                "GENESYS_CLIENT_SECRET": "s3cr3t-value",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        ),
        Case(
            "drafts-garbage-org",
            ["drafts"],
            4,
            env={
                "GENESYS_CLIENT_ID": "ok",
                "GENESYS_CLIENT_SECRET": "b",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        ),
        Case("delete-missing", ["delete", "nothing"], 1, says="no data action named"),
        Case("delete-empty-name", ["delete", ""], (1, 2, 4)),
        Case("test-remote-missing", ["test", "--remote", "nothing"], 1),
        Case("test-remote-bad-input", ["test", "--remote", "x", "--input", "noequals"], 2),
    ]
    cases += [
        Case(
            f"login-token-{client}",
            ["deploy", "a.yaml"],
            (3, 4),
            {"a.yaml": GOOD},
            env={
                "GENESYS_CLIENT_ID": client,
                "GENESYS_CLIENT_SECRET": "s3cr3t-value",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        )
        for client in TOKEN_CLIENTS
    ]
    cases += [
        Case(
            f"export-token-{client}",
            ["export", "--out", "o"],
            (3, 4),
            env={
                "GENESYS_CLIENT_ID": client,
                "GENESYS_CLIENT_SECRET": "s3cr3t-value",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        )
        for client in ("html", "notjson", "e401")
    ]
    return cases


# -- sandbox, wizard, usage -----------------------------------------------------------------
def _other_cases() -> list[Case]:
    s = "sandbox"
    return [
        Case("sandbox-port-negative", [s, "--port", "-1"], 2, time_cap=10),
        Case("sandbox-port-huge", [s, "--port", "70000"], 2, time_cap=10),
        Case("sandbox-port-text", [s, "--port", "abc"], 2, time_cap=10),
        Case("sandbox-db-folder", [s, "--port", "0", "--db", "."], (1, 2), time_cap=10),
        Case("sandbox-db-proc", [s, "--port", "0", "--db", "/proc/x.db"], (1, 2), time_cap=10),
        Case(
            "sandbox-db-not-sqlite",
            [s, "--port", "0", "--db", "x.db"],
            (1, 2),
            {"x.db": "garbage" * 1000},
            time_cap=10,
        ),
        Case("sandbox-client-no-colon", [s, "--port", "0", "--client", "abc"], 2, time_cap=10),
        Case("sandbox-client-empty-secret", [s, "--port", "0", "--client", "abc:"], 2, time_cap=10),
        Case("sandbox-client-empty-id", [s, "--port", "0", "--client", ":x"], 2, time_cap=10),
        Case("sandbox-token-ttl-negative", [s, "--port", "0", "--token-ttl", "-5"], 2, time_cap=10),
        Case(
            "sandbox-rate-limit-negative", [s, "--port", "0", "--rate-limit", "-1"], 2, time_cap=10
        ),
        Case("wizard-no-terminal", [], 2),
        Case("wizard-new-no-terminal", ["new"], 2),
        Case("wizard-edit-no-terminal", ["edit", "a.yaml"], 2, {"a.yaml": GOOD}),
        Case(
            "wizard-bad-draft-no-terminal",
            [],
            2,
            {"d.yaml": alias_bomb()},
            env={"DATAACTION_DRAFT": "{dir}/d.yaml"},
        ),
        Case("usage-unknown-command", ["frobnicate"], 2),
        Case("usage-bad-flag", ["--frobnicate"], 2),
        Case("usage-version", ["--version"], 0),
        Case("integration-no-subcommand", ["integration"], 2),
        Case("integration-create-no-type", ["integration", "create", "x"], 2),
        Case(
            "integration-create-bad-type",
            ["integration", "create", "x", "--credential-type", "nope"],
            2,
        ),
        Case("integration-list-bad-db", ["integration", "list", "--sandbox-db", "."], (1, 2)),
        Case(
            "integration-list-token-html",
            ["integration", "list"],
            (3, 4),
            env={
                "GENESYS_CLIENT_ID": "html",
                "GENESYS_CLIENT_SECRET": "s3cr3t-value",
                "GENESYS_ENVIRONMENT": "{api}",
            },
        ),
    ]


def all_cases() -> list[Case]:
    cases = _validate_cases() + _test_cases() + _convert_cases() + _org_cases() + _other_cases()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return cases
