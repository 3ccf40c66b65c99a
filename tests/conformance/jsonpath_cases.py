"""Seeded generator of JSONPath differential cases: {"path": str, "json": str} dicts.

Documents cover nested objects, arrays of objects, unicode keys and values, numbers of every
shape (decimals, exponents, trailing zeros, big integers, long decimals), nulls and booleans.
Paths cover every Jayway 2.9.0 construct (functions, double quotes, `in`/`nin`/`subsetof`/
`anyof`/`noneof`/`size`/`empty`, regex flags, negative indexes), paths without `$`, and invalid
paths; the examples of the Jayway README and of the Genesys Data Actions reference are always
included. `genesys_cases` adds a family shaped after public Genesys actions.
"""

from __future__ import annotations

import json
import random
from typing import Any


class Raw(str):
    """A number literal written into the JSON text exactly as given."""


def dumps(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dumps(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(
        value,
        ensure_ascii=bool(
            isinstance(value, str) and "\ud800" <= max(value, default="a") <= "\udfff"
        ),
    )


STORE = {
    "store": {
        "book": [
            {
                "category": "reference",
                "author": "Nigel Rees",
                "title": "Sayings of the Century",
                "price": Raw("8.95"),
            },
            {
                "category": "fiction",
                "author": "Evelyn Waugh",
                "title": "Sword of Honour",
                "price": Raw("12.99"),
            },
            {
                "category": "fiction",
                "author": "Herman Melville",
                "title": "Moby Dick",
                "isbn": "0-553-21311-3",
                "price": Raw("8.99"),
            },
            {
                "category": "fiction",
                "author": "J. R. R. Tolkien",
                "title": "The Lord of the Rings",
                "isbn": "0-395-19395-8",
                "price": Raw("22.99"),
            },
        ],
        "bicycle": {"color": "red", "price": Raw("19.95")},
    },
    "expensive": 10,
}

CONVERSATION = {
    "conversationId": "9c1f0000-1111-2222-3333-444455556666",
    "participants": [
        {"purpose": "customer", "sessions": [{"direction": "inbound", "ani": "tel:+15551234567"}]},
        {
            "purpose": "external",
            "sessions": [
                {"direction": "outbound", "dnis": "tel:+15557654321"},
                {"direction": "inbound"},
            ],
        },
        {
            "purpose": "agent",
            "userId": "u-1",
            "sessions": [{"direction": "outbound", "mediaType": "voice"}],
        },
        {"purpose": "external", "sessions": [{"direction": "outbound", "dnis": "tel:+4930123"}]},
    ],
}

TIMEZONES = {
    "entities": [
        {"id": "Australia/Melbourne", "name": "Australia/Melbourne", "offset": 36000000},
        {"id": "Europe/Berlin", "name": "Europe/Berlin", "offset": 3600000},
        {"id": "America/St_Johns", "name": "America/St_Johns", "offset": -12600000},
    ],
    "pageSize": 25,
    "pageNumber": 1,
    "total": 3,
    "selfUri": "/api/v2/timezones?pageSize=25",
}

REFERENCE_EXAMPLES = [
    (
        CONVERSATION,
        "['participants'][?(@.purpose=='external')]['sessions'][?(@.direction=='outbound')].direction",
    ),
    (TIMEZONES, "$.entities[?(@.id=='Australia/Melbourne')].offset"),
    *[
        (STORE, p)
        for p in [
            "$.store.book[*].author",
            "$..author",
            "$.store.*",
            "$.store..price",
            "$..book[2]",
            "$..book[(@.length-1)]",
            "$..book[0,1]",
            "$..book[:2]",
            "$..book[1:2]",
            "$..book[-2:]",
            "$..book[2:]",
            "$..book[?(@.isbn)]",
            "$.store.book[?(@.price < 10)]",
            "$..book[?(@.price <= $['expensive'])]",
            "$..*",
            "$.store.book[0].title",
            "$['store']['book'][0]['title']",
            "$.store.book[?(@.price < 10 && @.category == 'fiction')]",
            "$.store.book[?(@.category == 'reference' || @.price > 10)]",
            "$.store.book[?(@.isbn)].author",
            "$.store.book[?(@.price > 10)]",
            "$['store']['bicycle']['color']",
        ]
    ],
]

NUMBER_SHAPES = [
    "0",
    "-0",
    "7",
    "-42",
    "10",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901234567890",
    "10.50",
    "1.0",
    "0.1",
    "-0.0",
    "1e3",
    "1E3",
    "1e+3",
    "1E-7",
    "2.5e-3",
    "8.95",
    "22.99",
    "1234567.0",
    "12345678.9",
    "0.001",
    "0.0001",
    "1.7976931348623157E308",
    "4.9E-324",
    "0.12345678901234567890",
    "100.000000000000000000",
    "12345678901234567890.5",
    "3.14159265358979323846",
    "1e400",
]
STRINGS = [
    "",
    "x",
    "abc",
    "ABC",
    "10",
    "8.95",
    "null",
    "true",
    "false",
    "a/b",
    "Zürich",
    "日本語",
    "emoji 😀",
    "tab\there",
    "line\nbreak",
    'quote"q',
    "back\\slash",
    "ctrl\u0001\u001f",
    "del\u007f\u0085",
    "dash\u2013\u2028",
    "it's",
    "a.b",
    "a[0]",
    " lead",
    "Australia/Melbourne",
    "outbound",
]
KEYS = [
    "id",
    "name",
    "price",
    "tags",
    "a",
    "b",
    "x",
    "y",
    "n",
    "items",
    "ümlaut",
    "日本",
    "key with space",
    "null",
    "0",
    "a.b",
    "it's",
    "$x",
    "@y",
    "k-1",
    "k_2",
]
SIMPLE_KEYS = [
    "id",
    "name",
    "price",
    "tags",
    "a",
    "b",
    "x",
    "y",
    "n",
    "items",
    "ümlaut",
    "日本",
    "k-1",
    "k_2",
    "$x",
]


def _scalar(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.4:
        return Raw(rng.choice(NUMBER_SHAPES))
    if roll < 0.8:
        return rng.choice(STRINGS)
    return rng.choice([None, True, False])


def _value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth <= 0 or roll < 0.45:
        return _scalar(rng)
    if roll < 0.7:
        return {k: _value(rng, depth - 1) for k in rng.sample(KEYS, rng.randint(0, 5))}
    if roll < 0.85:
        return [_record(rng, depth - 1) for _ in range(rng.randint(0, 5))]
    return [_value(rng, depth - 1) for _ in range(rng.randint(0, 4))]


def _record(rng: random.Random, depth: int) -> dict:
    keys = rng.sample(SIMPLE_KEYS[:10], rng.randint(1, 6))
    return {k: (_value(rng, depth - 1) if rng.random() < 0.25 else _scalar(rng)) for k in keys}


def random_document(rng: random.Random) -> Any:
    doc = {k: _value(rng, 4) for k in rng.sample(KEYS, rng.randint(3, 8))}
    doc["items"] = [_record(rng, 3) for _ in range(rng.randint(2, 7))]
    return doc


LITERALS = [
    "1",
    "10",
    "-1",
    "0",
    "8.95",
    "10.5",
    "1e3",
    "2147483648",
    "'x'",
    "'abc'",
    "'10'",
    "'8.95'",
    "'null'",
    "null",
    "true",
    "false",
    "'true'",
    "abc",
    "'Zürich'",
    "'a/b'",
    "''",
    "'it\\'s'",
    "$.expensive",
    "$['a']",
    "@.price",
    "@.id",
    "$.items[0].id",
    "/a.*/",
    "/^[A-Z].*/i",
    "/.*/",
    '"x"',
    "/10/",
    "/true/",
    '"abc"',
    '"Zürich"',
    "['x','abc']",
    "[1,10]",
    '["agent","customer"]',
    "['10', 8.95, true, null]",
    "[]",
    "/A.*/iU",
    "/.*\\p{L}.*/",
    "/a.c/s",
    "2",
    "0",
]
OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "=~", " == ", "==", "=="]
WORD_OPERATORS = [" in ", " nin ", " subsetof ", " anyof ", " noneof ", " size ", " empty ",
                  " contains ", " === ", " !== ", " IN "]  # fmt: skip
FUNCTIONS = [".length()", ".size()", ".min()", ".max()", ".avg()", ".sum()", ".stddev()",
             ".keys()", ".first()", ".last()", ".index(1)", ".index(-1)", '.concat("-x")',
             ".append(1)", ".length().x", ".nope()", ".sum(1, 2)", ".concat($.x)"]  # fmt: skip

INVALID = [
    "",
    " ",
    "$a",
    "$.",
    "$..",
    "$.a..",
    "$.a b",
    "$[",
    "$['a'",
    '$["a"]',
    "$[?(@.a == 1]",
    "$[?(@.a ==)]",
    "$.a[?(@.b in ['x'])]",
    "$.a[?(@.b size 2)]",
    "$[?(@.a == 'x]')]",
    "$.a[(@.foo-1)]",
    "$.a[1:x]",
    "$.a[?(@.b == 1 &&)]",
    "$.a[?(@.b == !@.c)]",
    "$.a[?(@..b)]",
    "$.a[?(@.b[*] == 1)]",
    "$.a[?(true)]",
    "$[?()]",
    "$.a[?(@.b =~ /[/)]",
    "$.a[?(@.b == ')]",
    "$.a.length()",
    "$.a[?(@.b.length() > 1)]",
    "$.a[9999999999]",
    "$.a[(@.length+1)]",
    "..a",
    "$.a[?(@.b =~ /x/ i)]",
    "$...a",
    "$.a[]",
]


def _index(rng: random.Random) -> str:
    return rng.choice(
        [
            "[0]",
            "[1]",
            "[-1]",
            "[5]",
            "[0,1]",
            "[1,0]",
            "[0,9]",
            "[1:3]",
            "[:2]",
            "[-2:]",
            "[2:]",
            "[0:-1]",
            "[-3:-1]",
            "[:-1]",
            "[(@.length-1)]",
            "[(@.size()-2)]",
            "[*]",
            ".*",
            "[ 1 ]",
            "[1a]",
            "[-1:]",
            "[-2]",
            "[-1]",
            "[ -1 ]",
            "[0, -1]",
        ]
    )


def _name(rng: random.Random, style: str, key: str) -> str:
    if style == "dot" and " " not in key and "." not in key and "'" not in key:
        return "." + key
    if style == "multi":
        other = rng.choice(KEYS)
        return f"['{key}','{other}']"
    return f"['{key}']"


def _criterion(rng: random.Random) -> str:
    roll = rng.random()
    key = rng.choice(SIMPLE_KEYS[:10])
    if roll < 0.15:
        return rng.choice(["", "!"]) + "@." + key
    if roll < 0.2:
        return f"@.{key}.{rng.choice(SIMPLE_KEYS[:10])} {rng.choice(OPERATORS).strip()} {rng.choice(LITERALS)}"
    left = rng.choice(
        ["@." + key, "@['" + key + "']", "@", "@." + key, "$.n", "@." + key + "[0]",
         f'@["{key}"]', f"@.{key}.length()", f"@.{key}.size()", f"@.{key}[-1]"]
    )  # fmt: skip
    if roll < 0.35:
        right = rng.choice([*LITERALS[-14:], "true", "false", "2", "'x'", "@.id", "$.items"])
        return f"{left}{rng.choice(WORD_OPERATORS)}{right}"
    return f"{left}{rng.choice(OPERATORS)}{rng.choice(LITERALS)}"


def _filter(rng: random.Random) -> str:
    parts = [_criterion(rng)]
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        parts.append(rng.choice([" && ", " || ", "&&"]))
        parts.append(_criterion(rng))
    body = "".join(parts)
    if rng.random() < 0.1:
        body = "(" + body + ")"
    elif rng.random() < 0.05:
        body = "!(" + body + ")"
    return f"[?({body})]"


def _walk_path(rng: random.Random, doc: Any) -> str:
    """A path that mostly follows the document, with detours."""
    steps: list[str] = []
    node = doc
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if isinstance(node, dict) and node and roll < 0.75:
            key = rng.choice(list(node)) if rng.random() < 0.85 else rng.choice(KEYS)
            steps.append(
                _name(
                    rng,
                    rng.choice(["dot", "dot", "bracket", "multi" if rng.random() < 0.2 else "dot"]),
                    key,
                )
            )
            node = node.get(key)
        elif isinstance(node, list) and roll < 0.75:
            if rng.random() < 0.35:
                steps.append(_filter(rng))
            else:
                steps.append(_index(rng))
            node = node[0] if node else None
        elif roll < 0.85:
            steps.append(
                ".."
                + rng.choice([*SIMPLE_KEYS[:10], "*", "[0]", "[*]", "['name','id']"]).lstrip(".")
            )
            node = None
        elif roll < 0.85:
            steps.append(_filter(rng))
        elif roll < 0.9:
            steps.append(_index(rng))
        else:
            break
    if rng.random() < 0.15:
        steps.append(rng.choice(FUNCTIONS))
    path = "".join(steps)
    style = rng.random()
    if style < 0.12 and path.startswith("."):
        return path[1:]  # Genesys-style: no leading $
    if style < 0.2 and path.startswith("["):
        return path
    if style < 0.23:
        return "@" + path
    return "$" + path


def generate_cases(seed: int = 20240519, count: int = 3200) -> list[dict[str, str]]:
    rng = random.Random(seed)
    cases = [{"path": p, "json": dumps(doc)} for doc, p in REFERENCE_EXAMPLES]
    docs = [STORE, CONVERSATION, TIMEZONES] + [random_document(rng) for _ in range(12)]
    texts = [dumps(d) for d in docs]
    cases += [{"path": p, "json": texts[i % len(texts)]} for i, p in enumerate(INVALID)]
    cases += [{"path": "$", "json": dumps([Raw(n) for n in NUMBER_SHAPES] + STRINGS)}]
    while len(cases) < count:
        k = rng.randrange(len(docs))
        cases.append({"path": _walk_path(rng, docs[k]), "json": texts[k]})
    return cases


# --------------------------------------------------------------- Genesys-shaped family
# Documents and paths in the shapes public Genesys actions use (analytics conversation
# details and queue observations, users and queues listings): nested filters, `size()` and
# `length()` counts, filters on `purpose`/`metric`/`mediaType`, `in` filters, deep scans with
# filters, and the paths firstFromArray defaults are written for. Written for this suite.


def _analytics_conversations(rng: random.Random) -> dict:
    def session(media: str) -> dict:
        return {
            "mediaType": media,
            "direction": rng.choice(["inbound", "outbound"]),
            "ani": f"tel:+1555{rng.randrange(10**6):06d}",
            "metrics": [
                {
                    "name": name,
                    "value": rng.randrange(100, 90000),
                    "emitDate": "2024-05-01T10:00:00Z",
                }
                for name in rng.sample(["tTalk", "tAcw", "tHeld", "nConnected", "tAlert"], 3)
            ],
            "segments": [
                {"segmentType": rng.choice(["interact", "alert", "wrapup"]), "queueId": "q-1"}
                for _ in range(rng.randint(0, 3))
            ],
        }

    def participant(purpose: str) -> dict:
        p: dict[str, Any] = {"purpose": purpose, "participantId": f"p-{rng.randrange(999)}"}
        if purpose == "agent":
            p["userId"] = f"u-{rng.randrange(99)}"
        if rng.random() < 0.7:
            p["participantName"] = rng.choice(["Ana", "Bo", "Mobile Number, Germany"])
        p["sessions"] = [
            session(rng.choice(["voice", "chat", "email"])) for _ in range(rng.randint(1, 2))
        ]
        return p

    return {
        "conversations": [
            {
                "conversationId": f"c-{k}",
                "originatingDirection": rng.choice(["inbound", "outbound"]),
                "conversationStart": "2024-05-01T09:59:00.000Z",
                "participants": [
                    participant(rng.choice(["customer", "external", "agent", "ivr", "acd"]))
                    for _ in range(rng.randint(1, 5))
                ],
            }
            for k in range(rng.randint(0, 4))
        ],
        "totalHits": rng.randint(0, 40),
    }


def _queue_observations(rng: random.Random) -> dict:
    metrics = ["oWaiting", "oInteracting", "oOnQueueUsers", "oActiveUsers", "oMemberUsers"]
    return {
        "results": [
            {
                "group": {"queueId": f"q-{k}", "mediaType": rng.choice(["voice", "chat"])},
                "data": [
                    {
                        "metric": m,
                        **(
                            {"qualifier": rng.choice(["IDLE", "INTERACTING"])}
                            if m == "oOnQueueUsers"
                            else {}
                        ),
                        "stats": {"count": rng.randint(0, 30)},
                    }
                    for m in rng.sample(metrics, rng.randint(0, len(metrics)))
                ],
            }
            for k in range(rng.randint(1, 3))
        ]
    }


def _users_page(rng: random.Random) -> dict:
    return {
        "entities": [
            {
                "id": f"u-{k}",
                "name": rng.choice(["Ana Diaz", "Bo Li", "Zoë Ødegaard"]),
                "state": rng.choice(["active", "inactive", "deleted"]),
                "email": f"user{k}@example.com",
                "presence": {
                    "presenceDefinition": {
                        "systemPresence": rng.choice(["Available", "Busy", "Offline"])
                    }
                },
                "routingStatus": {"status": rng.choice(["IDLE", "INTERACTING", "OFF_QUEUE"])},
                "skills": [
                    {"name": s, "proficiency": rng.choice([1, 2.5, 5])}
                    for s in rng.sample(["de", "en", "fr"], rng.randint(0, 3))
                ],
            }
            for k in range(rng.randint(0, 5))
        ],
        "pageSize": 25,
        "pageNumber": 1,
        "total": rng.randint(0, 5),
    }


GENESYS_PATHS = [
    "$.conversations.size()",
    "$.conversations.length()",
    "$.conversations[0].participants.size()",
    "$.conversations[0].participants[?(@.purpose == 'agent')].userId",
    '$.conversations[0].participants[?(@.purpose == "customer")].sessions[0].ani',
    "$.conversations[*].participants[?(@.purpose in ['customer','external'])].participantName",
    '$.conversations[*].participants[?(@.purpose in ["agent"])].sessions[*].metrics[?(@.name == "tTalk")].value',
    "$.conversations[0].participants[?(@.purpose=='agent')].sessions[0].metrics[?(@.name=='tTalk')].value",
    "$..participants[?(@.purpose == 'agent')].userId",
    "$..sessions[?(@.mediaType == 'voice')].ani",
    "$..metrics[?(@.name == 'nConnected')].value",
    "$..metrics[?(@.name in ['tTalk','tHeld'])].value.sum()",
    "$..metrics[?(@.value > 1000)].name",
    "$.conversations[?(@.originatingDirection == 'inbound')].conversationId",
    "$.conversations[?(@.participants.length() > 2)].conversationId",
    "$.conversations[-1].conversationId",
    "$.conversations[0].conversationId",
    "$.conversations[0].participants[-1].purpose",
    "$..segments[?(@.segmentType nin ['alert'])].segmentType",
    "$..participants[?(@.participantName =~ /.*Germany.*/)].participantId",
    "$..participants[?(!@.participantName)].participantId",
    "$.totalHits",
    "$.results[0].data[?(@.metric == 'oWaiting')].stats.count",
    '$.results[*].data[?(@.metric == "oOnQueueUsers" && @.qualifier == "IDLE")].stats.count',
    "$.results[*].data[?(@.metric in ['oWaiting','oInteracting'])].stats.count",
    "$.results[0].data.size()",
    "$.results[0].data[?(@.metric == 'oWaiting')].stats.count.sum()",
    "$..data[?(@.stats.count > 5)].metric",
    "$..data[?(@.metric anyof ['oWaiting'])].metric",
    "$.results[*].group.queueId",
    "$.results[0].group.mediaType",
    "$.entities.length()",
    "$.entities[?(@.state == 'active')].id",
    '$.entities[?(@.state == "active" || @.state == "inactive")].email',
    "$.entities[?(@.routingStatus.status in ['IDLE','INTERACTING'])].name",
    "$.entities[?(@.presence.presenceDefinition.systemPresence == 'Available')].id",
    "$.entities[?(@.skills.length() >= 2)].id",
    "$.entities[?(@.skills size 0)].id",
    "$.entities[?(@.skills empty true)].id",
    "$.entities[*].skills[?(@.proficiency >= 2.5)].name",
    "$..skills[?(@.name subsetof ['de','en'])].name",
    "$.entities[0].id",
    "$.entities[0].skills[0].name",
    "$.entities[*].id.first()",
    "$.entities[*].skills.length()",
    "$..proficiency.max()",
    "$..proficiency.avg()",
    "$.entities.first().name",
    "$.entities.last().name",
    "$.total",
    "entities[0].email",
    "conversations[0].participants[0].purpose",
    "$.entities[0].presence.presenceDefinition.systemPresence",
    "$.entities[?(@.email =~ /USER[0-9]+@.*/i)].id",
]


def genesys_cases(seed: int = 7, documents: int = 12) -> list[dict[str, str]]:
    rng = random.Random(seed)
    makers = [_analytics_conversations, _queue_observations, _users_page]
    docs = [makers[k % 3](rng) for k in range(documents)]
    return [{"path": p, "json": dumps(d)} for d in docs for p in GENESYS_PATHS]
