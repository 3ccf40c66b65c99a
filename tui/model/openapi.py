"""Start an action from an OpenAPI 3.0/3.1 description (JSON or YAML, file or URL).

`$ref`s are resolved with `referencing` (the jsonschema project's resolver), only for the
operation picked, so a 10 MB description costs one parse. An operation becomes a spec: path and
query parameters become typed inputs (described, required as declared), the JSON request body's
properties become inputs and a Velocity body (`$esc.jsonString` for strings), and the response's
example (or one generated from its schema) becomes the sample response to map.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from tui.model.limits import MiB, load_yaml, read_limited, too_deep
from tui.model.problems import DataActionError, Problem
from tui.model.spec import InputSpec, RequestSpec, Spec
from tui.model.urls import escaped_input

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
INPUT_TYPES = {"string", "integer", "number", "boolean"}
MAX_DEPTH = 8
MAX_BYTES = 64 * MiB  # public descriptions reach ~12 MB (GitHub's); far above, refuse
ANCHOR = re.compile(r"(^|[\s\[{,:-])&[^\s]")


@dataclass
class Operation:
    method: str
    path: str
    operation_id: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    path_item: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return f"{self.method.upper()} {self.path}"

    def label(self) -> str:
        """One line for lists: method, path, id and summary."""
        bits = [f"{self.method.upper():6} {self.path}"]
        if self.operation_id:
            bits.append(f"[{self.operation_id}]")
        if self.summary:
            bits.append(self.summary)
        return "  ".join(bits)


@dataclass
class OpenApiDoc:
    source: str
    version: str
    title: str
    servers: list[str]
    operations: list[Operation]
    document: dict[str, Any] = field(repr=False, default_factory=dict)
    base_uri: str = ""

    def resolver(self) -> Any:
        registry: Registry[Any] = Registry(retrieve=_retrieve).with_resource(  # type: ignore[call-arg]
            self.base_uri, Resource.opaque(self.document)
        )
        return registry.resolver(base_uri=self.base_uri)


@dataclass
class OpenApiImport:
    spec: Spec
    sample: Any
    notes: list[str] = field(default_factory=list)


def _error(message: str, source: str = "", hint: str = "") -> DataActionError:
    return DataActionError([Problem(message, file=source, hint=hint)])


def _parse(text: str, source: str) -> Any:
    try:
        if text.lstrip().startswith("{"):
            return json.loads(text)
        if ANCHOR.search(text):  # aliases could expand past any size: the shared guard counts
            return load_yaml(text, source)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise _error(f"not valid JSON or YAML: {exc}".splitlines()[0], source) from None
    except RecursionError:
        raise too_deep(source) from None


def _read_source(source: str) -> tuple[str, str]:
    """(text, base URI) of a file or an http(s) URL, no larger than MAX_BYTES."""
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            with httpx.stream("GET", source, follow_redirects=True, timeout=30) as r:
                if r.status_code >= 400:
                    raise _error(f"cannot fetch {source}: HTTP {r.status_code}", source)
                body = b""
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise _error(f"{source} is larger than {MAX_BYTES // MiB} MiB", source)
        except httpx.HTTPError as exc:
            raise _error(f"cannot fetch {source}: {exc}", source) from None
        return body.decode("utf-8", "replace"), source
    data = read_limited(source, max_bytes=MAX_BYTES, what="OpenAPI description")
    return data.decode("utf-8", "replace"), Path(source).resolve().as_uri()


def _retrieve(uri: str) -> Resource[Any]:
    """External `$ref` documents (another file or URL), parsed as JSON or YAML."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(uri)
    source = unquote(parts.path) if parts.scheme == "file" else uri
    text, _ = _read_source(source)
    return Resource.opaque(_parse(text, source))


def load_openapi(source: str) -> OpenApiDoc:
    text, base_uri = _read_source(source)
    doc = _parse(text, source)
    if not isinstance(doc, dict) or "openapi" not in doc:
        hint = (
            "convert Swagger 2.0 to OpenAPI 3 first (e.g. with swagger2openapi)"
            if isinstance(doc, dict) and "swagger" in doc
            else "give an OpenAPI 3.0 or 3.1 description"
        )
        raise _error("this is not an OpenAPI 3 description (no 'openapi' field)", source, hint)
    version = str(doc["openapi"])
    if not version.startswith(("3.0", "3.1")):
        raise _error(f"OpenAPI {version} is not supported", source, "use OpenAPI 3.0 or 3.1")
    ops: list[Operation] = []
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                ops.append(
                    Operation(
                        method=method.upper(),
                        path=path,
                        operation_id=str(op.get("operationId") or ""),
                        summary=str(op.get("summary") or "").strip(),
                        tags=[str(t) for t in op.get("tags") or []],
                        raw=op,
                        path_item=item,
                    )
                )
    if not ops:
        raise _error("the description has no GET/POST/PUT/PATCH/DELETE operations", source)
    info = doc.get("info") or {}
    return OpenApiDoc(
        source=source,
        version=version,
        title=str(info.get("title") or ""),
        servers=[_server_url(s, source) for s in doc.get("servers") or [] if isinstance(s, dict)],
        operations=ops,
        document=doc,
        base_uri=base_uri,
    )


def _server_url(server: dict[str, Any], source: str) -> str:
    url = str(server.get("url") or "")
    for name, var in (server.get("variables") or {}).items():
        url = url.replace("{" + name + "}", str((var or {}).get("default", "")))
    if source.startswith(("http://", "https://")) and not url.startswith(("http://", "https://")):
        url = urljoin(source, url)
    return url.rstrip("/")


def describe_operations(doc: OpenApiDoc) -> list[str]:
    return [op.label() for op in doc.operations]


def search_operations(doc: OpenApiDoc, text: str) -> list[Operation]:
    """Operations whose method, path, id, summary or tags contain every word of `text`."""
    words = text.lower().split()
    return [
        op
        for op in doc.operations
        if all(w in f"{op.label()} {' '.join(op.tags)}".lower() for w in words)
    ]


def find_operation(doc: OpenApiDoc, key: str) -> Operation:
    """By operationId, or 'METHOD /path'."""
    wanted = key.strip()
    for op in doc.operations:
        if op.operation_id == wanted or op.key.lower() == " ".join(wanted.split()).lower():
            return op
    import difflib

    names = [op.operation_id or op.key for op in doc.operations]
    close = difflib.get_close_matches(wanted, names, n=1)
    raise _error(
        f"no operation '{wanted}' in {doc.source}",
        doc.source,
        f"did you mean '{close[0]}'?" if close else "run without --operation to list them",
    )


# -- $ref resolution -------------------------------------------------------------------------


def resolve(node: Any, resolver: Any, seen: frozenset[str] = frozenset(), depth: int = 0) -> Any:
    """`node` with every `$ref` replaced by its target (a cycle becomes a described stub)."""
    if depth > MAX_DEPTH * 4:
        return {}
    if isinstance(node, list):
        return [resolve(v, resolver, seen, depth + 1) for v in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        if ref in seen:
            return {"x-recursive": ref}  # examples stop here
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable as exc:
            raise _error(f"cannot resolve $ref '{ref}': {exc}") from None
        target = resolve(resolved.contents, resolved.resolver, seen | {ref}, depth + 1)
        siblings = {k: v for k, v in node.items() if k != "$ref"}  # 3.1 allows them
        if siblings and isinstance(target, dict):
            return {**target, **resolve(siblings, resolver, seen, depth + 1)}
        return target
    return {k: resolve(v, resolver, seen, depth + 1) for k, v in node.items()}


# -- operation -> spec -----------------------------------------------------------------------


def _input_name(raw: str, taken: set[str]) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", raw).strip("_-") or "value"
    if not name[0].isalpha():
        name = "p_" + name
    base, n = name, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def _schema_type(schema: dict[str, Any]) -> str:
    t = schema.get("type")
    if isinstance(t, list):  # 3.1: ["string", "null"]
        t = next((x for x in t if x != "null"), "string")
    if t is None:
        for key in ("oneOf", "anyOf", "allOf"):
            if schema.get(key):
                return _schema_type(schema[key][0])
        if "properties" in schema:
            return "object"
    return str(t or "string")


def _describe(schema: dict[str, Any], description: str | None) -> str | None:
    text = (description or schema.get("description") or "").strip()
    if schema.get("enum"):
        allowed = ", ".join(str(v) for v in schema["enum"][:12])
        text = f"{text} (one of: {allowed})".strip()
    return text or None


def _sample_of(param: dict[str, Any], schema: dict[str, Any]) -> Any:
    for holder in (param, schema):
        if "example" in holder:
            return holder["example"]
        if isinstance(holder.get("examples"), list) and holder["examples"]:
            return holder["examples"][0]
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    return None


def _input_for(
    name: str,
    schema: dict[str, Any],
    required: bool,
    description: str | None,
    param: dict[str, Any],
    notes: list[str],
) -> InputSpec:
    typ = _schema_type(schema)
    if typ not in INPUT_TYPES:
        notes.append(f"input {name}: {typ} is not a flat input type, taken as a string")
        typ = "string"
    sample = _sample_of(param, schema)
    if sample is not None and not isinstance(sample, str | int | float | bool):
        sample = json.dumps(sample)
    if typ == "string" and sample is not None and not isinstance(sample, str):
        sample = str(sample)
    return InputSpec.model_validate(
        {
            "name": name,
            "type": typ,
            "required": required,
            "description": _describe(schema, description),
            "sample": sample,
        }
    )


def _parameters(op: Operation, resolver: Any) -> list[dict[str, Any]]:
    """Path-item and operation parameters, the operation's winning on (name, in)."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for p in [*(op.path_item.get("parameters") or []), *(op.raw.get("parameters") or [])]:
        p = resolve(p, resolver)
        if isinstance(p, dict) and "name" in p:
            merged[(str(p["name"]), str(p.get("in", "")))] = p
    return list(merged.values())


def _body_template(
    schema: dict[str, Any],
    prefix: str,
    required_parent: bool,
    inputs: list[InputSpec],
    taken: set[str],
    notes: list[str],
    depth: int = 0,
    indent: str = "  ",
) -> str:
    """A JSON object template: required properties first, optional ones under #if."""
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    for part in schema.get("allOf") or []:
        props = {**props, **(part.get("properties") or {})}
        required |= set(part.get("required") or [])
    always: list[str] = []
    optional: list[tuple[str, str]] = []
    for key, sub in props.items():
        if not isinstance(sub, dict) or sub.get("readOnly"):
            continue
        typ = _schema_type(sub)
        is_required = required_parent and key in required
        if typ == "object" and depth < 2 and sub.get("properties"):
            inner = _body_template(
                sub,
                f"{prefix}{key}_",
                is_required,
                inputs,
                taken,
                notes,
                depth + 1,
                indent + "  ",
            )
            line = f'{indent}"{key}": {inner}'
            if is_required:
                always.append(line)
            else:
                notes.append(f"body property {prefix}{key}: sent with its inner inputs")
                always.append(line)
            continue
        if typ not in INPUT_TYPES:
            notes.append(
                f"body property {prefix}{key} ({typ}) left out: inputs are flat; add it by hand"
            )
            continue
        name = _input_name(prefix + key, taken)
        inputs.append(_input_for(name, sub, is_required, None, sub, notes))
        value = f'"$esc.jsonString(${{input.{name}}})"' if typ == "string" else f"${{input.{name}}}"
        line = f'{indent}"{key}": {value}'
        if is_required:
            always.append(line)
        else:
            optional.append((name, line))
    if not always and optional:  # an object needs a first member to hang commas on
        name, line = optional.pop(0)
        next(i for i in inputs if i.name == name).required = True
        always.append(line)
    text = ",\n".join(always)
    for name, line in optional:
        text += f'#if("$!{{input.{name}}}" != ""),\n{line}#end'
    close = indent[:-2]
    return "{\n" + text + "\n" + close + "}"


def example_from_schema(schema: Any, depth: int = 0) -> Any:
    """A plausible value for `schema` (its example when it has one)."""
    if not isinstance(schema, dict) or depth > MAX_DEPTH or "x-recursive" in schema:
        return None
    if "example" in schema:
        return schema["example"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example_from_schema(part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            return example_from_schema(schema[key][0], depth + 1)
    typ = _schema_type(schema)
    if typ == "object":
        return {
            k: example_from_schema(v, depth + 1)
            for k, v in (schema.get("properties") or {}).items()
            if isinstance(v, dict) and not v.get("writeOnly")
        }
    if typ == "array":
        return [example_from_schema(schema.get("items") or {}, depth + 1)]
    if typ == "integer":
        return 0
    if typ == "number":
        return 0.5
    if typ == "boolean":
        return True
    fmt = schema.get("format", "")
    return {
        "date-time": "2024-01-31T09:30:00Z",
        "date": "2024-01-31",
        "email": "user@example.com",
        "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "uri": "https://example.com/resource",
    }.get(fmt, "string")


def _json_content(content: Any) -> dict[str, Any] | None:
    if not isinstance(content, dict):
        return None
    for mime, media in content.items():
        if "json" in mime.lower() and isinstance(media, dict):
            return media
    return None


def response_sample(op: Operation, resolver: Any) -> tuple[Any, str]:
    """(sample body, where it came from) for the first 2xx (else default) JSON response."""
    responses = op.raw.get("responses") or {}
    codes = sorted((c for c in responses if str(c).startswith("2")), key=str)
    for code in [*codes, "default"]:
        if code not in responses:
            continue
        media = _json_content(resolve(responses[code], resolver).get("content"))
        if media is None:
            continue
        if "example" in media:
            return media["example"], f"the {code} response's example"
        examples = media.get("examples")
        if isinstance(examples, dict) and examples:
            first = next(iter(examples.values()))
            if isinstance(first, dict) and "value" in first:
                return first["value"], f"the {code} response's example"
        if media.get("schema"):
            return example_from_schema(media["schema"]), f"generated from the {code} schema"
    return None, ""


def spec_for(doc: OpenApiDoc, op: Operation, name: str | None = None) -> OpenApiImport:
    resolver = doc.resolver()
    notes: list[str] = []
    taken: set[str] = set()
    inputs: list[InputSpec] = []
    path = op.path
    query_required: list[str] = []
    query_optional: list[str] = []
    headers: dict[str, str] = {"Accept": "application/json"}
    for p in _parameters(op, resolver):
        where = p.get("in")
        schema = p.get("schema") or {}
        pname = str(p["name"])
        if where == "path":
            iname = _input_name(pname, taken)
            inputs.append(_input_for(iname, schema, True, p.get("description"), p, notes))
            path = _placed(path, "{" + pname + "}", iname)
        elif where == "query":
            iname = _input_name(pname, taken)
            req = bool(p.get("required"))
            inputs.append(_input_for(iname, schema, req, p.get("description"), p, notes))
            if req:
                query_required.append(f"{pname}={escaped_input(iname)}")
            else:
                query_optional.append(
                    f'$urlTool.optionalQueryParam("{pname}", $!{{input.{iname}}})'
                )
        elif where == "header":
            if re.search(r"authorization|api[-_]?key|token|secret", pname, re.I):
                headers[pname] = "${credentials." + _camel(pname) + "}"
                notes.append(
                    f"header {pname}: a credential reference (${{credentials.{_camel(pname)}}})"
                )
            elif p.get("required"):
                iname = _input_name(pname, taken)
                inputs.append(_input_for(iname, schema, True, p.get("description"), p, notes))
                headers[pname] = f"${{input.{iname}}}"
        else:
            notes.append(f"{where} parameter {pname}: not supported, left out")
    base = doc.servers[0] if doc.servers else ""
    if not base:
        notes.append("no servers in the description: the URL is relative, set the host")
    query = "&".join([*query_required, *query_optional])
    url = base + path + (f"?{query}" if query else "")
    body: str | None = None
    if op.method in ("POST", "PUT", "PATCH"):
        rb = resolve(op.raw.get("requestBody") or {}, resolver)
        media = _json_content(rb.get("content")) if isinstance(rb, dict) else None
        if media and isinstance(media.get("schema"), dict):
            schema = media["schema"]
            if _schema_type(schema) == "object":
                body = _body_template(schema, "", True, inputs, taken, notes)
            else:
                body = "${input.rawRequest}"
                notes.append("the request body is not an object: sent as ${input.rawRequest}")
            headers["Content-Type"] = "application/json"
        elif rb:
            notes.append("the request body is not JSON: set the body by hand")
    for scheme in _security_schemes(doc, op, resolver):
        if scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "bearer":
            headers["Authorization"] = "Bearer ${credentials.token}"
            notes.append("bearer auth: the token is the integration credential field 'token'")
        elif scheme.get("type") == "http" and scheme.get("scheme", "").lower() == "basic":
            notes.append("basic auth: use a Basic Auth credential on the integration")
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "query":
            sep = "&" if "?" in url else "?"
            url += f"{sep}{scheme.get('name')}=$esc.url(${{credentials.apiKey}})"
            notes.append(f"API key query parameter {scheme.get('name')}: credential field 'apiKey'")
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            headers[str(scheme.get("name"))] = "${credentials.apiKey}"
            notes.append(f"API key header {scheme.get('name')}: credential field 'apiKey'")
        elif scheme.get("type") == "oauth2":
            notes.append(
                "OAuth 2: use a User Defined OAuth credential with a custom auth action "
                "(its token is ${credentials.token})"
            )
            headers["Authorization"] = "Bearer ${credentials.token}"
    sample, origin = response_sample(op, resolver)
    if origin:
        notes.append(f"sample response: {origin}")
    title = name or op.summary or op.operation_id or op.key
    spec = Spec(
        name=title.strip().rstrip(".")[:200],
        request=RequestSpec(method=op.method, url=url, headers=headers, body=body),
        inputs=inputs,
    )
    return OpenApiImport(spec, sample, notes)


def _camel(name: str) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p and p.lower() != "x"]
    if not parts:
        return "secret"
    out = parts[0].lower() + "".join(p.title() for p in parts[1:])
    return {"apikey": "apiKey", "authorization": "token"}.get(out.lower(), out)


def _security_schemes(doc: OpenApiDoc, op: Operation, resolver: Any) -> list[dict[str, Any]]:
    reqs = op.raw.get("security", doc.document.get("security")) or []
    schemes = resolve((doc.document.get("components") or {}).get("securitySchemes") or {}, resolver)
    if not reqs:
        return []
    first = reqs[0] if isinstance(reqs[0], dict) else {}
    return [schemes[n] for n in first if isinstance(schemes.get(n), dict)]


def _placed(path: str, placeholder: str, name: str) -> str:
    """`path` with each `{placeholder}` replaced by the escaped input (spelt for what follows
    it: `/users/{id}.json` needs the formal form, see `escaped_input`)."""
    out, i = [], 0
    while (at := path.find(placeholder, i)) >= 0:
        end = at + len(placeholder)
        out += [path[i:at], escaped_input(name, path[end:])]
        i = end
    return "".join([*out, path[i:]])
