"""Seeded generator of Velocity differential cases (template + JSON context).

Each case is `{"template": str, "context": dict}`; the Java oracle and our engine must agree.
"""

from __future__ import annotations

import random

CONTEXT = {
    "s": "Hello, World",
    "e": "",
    "sp": "  padded text  ",
    "csv": "a,b,,c,,",
    "n": 42,
    "neg": -7,
    "big": 12345678901,
    "d": 2.5,
    "z": 0,
    "t": True,
    "f": False,
    "nul": None,
    "l": [1, "two", 3.5, True],
    "el": [],
    "m": {"k": "v", "num": 7, "nested": {"x": [1, 2]}, "empty": ""},
    "input": {
        "id": "A-1",
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "count": 3,
        "tags": ["x", "y"],
        "note": 'say "hi"\n\tbye',
        "amount": 19.99,
    },
}

REFS = [
    "$s",
    "$e",
    "$n",
    "$neg",
    "$big",
    "$d",
    "$z",
    "$t",
    "$f",
    "$l",
    "$el",
    "$m",
    "$nul",
    "$missing",
    "$input.id",
    "$input.name",
    "$input.count",
    "$input.tags",
    "$m.k",
    "$m.nested",
    "$m.nested.x",
    "$m.missing",
    "$input.amount",
    "$sp",
    "$csv",
]
STRING_REFS = ["$s", "$e", "$sp", "$csv", "$input.name", "$input.email", "$input.note", "$m.k"]
STRING_LITS = [
    "'a'",
    "'World'",
    "'l'",
    "'o'",
    "','",
    "''",
    "' '",
    '"x"',
    "'Hello'",
    "'\\\\s+'",
    "'[aeiou]'",
    "'(\\\\w+)'",
    "'.'",
    "'$1$1'",
    "'-'",
    "'ll'",
    "'HELLO, WORLD'",
]
INTS = ["0", "1", "2", "3", "5", "-1", "12", "100"]


def _string_method(r: random.Random) -> str:
    ref = r.choice(STRING_REFS)
    name = r.choice(
        [
            "length()",
            "toUpperCase()",
            "toLowerCase()",
            "trim()",
            "isEmpty()",
            "substring({i})",
            "substring({i}, {i})",
            "replace({s}, {s})",
            "replaceAll({s}, {s})",
            "replaceFirst({s}, {s})",
            "contains({s})",
            "startsWith({s})",
            "endsWith({s})",
            "indexOf({s})",
            "lastIndexOf({s})",
            "indexOf({s}, {i})",
            "equals({s})",
            "equalsIgnoreCase({s})",
            "charAt({i})",
            "concat({s})",
            "matches({s})",
            "split({s}).size()",
            "split({s}).get({i})",
            "split({s}, {i}).size()",
            "compareTo({s})",
            "empty",
            "length",
            "foo()",
            "substring({s})",
        ]
    )
    while "{i}" in name or "{s}" in name:
        name = name.replace("{i}", r.choice(INTS), 1).replace("{s}", r.choice(STRING_LITS), 1)
    return f"{ref}.{name}"


def _collection_method(r: random.Random) -> str:
    member = r.choice(["1", '"two"', "3.5", "true", "'x'"])
    item = r.choice(["1", "'two'", "9"])
    key = r.choice(["'k'", "'q'"])
    return r.choice(
        [
            "$l.size()",
            f"$l.get({r.choice(INTS)})",
            f"$l.contains({member})",
            "$l.isEmpty()",
            "$el.isEmpty()",
            f"$l.indexOf({item})",
            "$m.get('k')",
            "$m.get('zz')",
            f"$m.containsKey({key})",
            "$m.keySet()",
            "$m.values()",
            "$m.size()",
            "$m.isEmpty()",
            "$input.tags.size()",
            "$input.tags.get(0)",
            "$m.nested.x.get(1)",
            f"$l[{r.choice(['0', '1', '-1', '3'])}]",
            "$m['k']",
            "$el.size()",
            "$m.empty",
            "$l.empty",
            "$input.keySet().size()",
        ]
    )


def _expr(r: random.Random, depth: int = 0) -> str:
    atoms = [
        "$n",
        "$neg",
        "$d",
        "$z",
        "$big",
        "$t",
        "$f",
        "$nul",
        "$missing",
        "$s",
        "'a'",
        '"b"',
        "1",
        "2",
        "7",
        "3.5",
        "0",
        "true",
        "false",
        "$input.count",
        "$l.size()",
        "$m.num",
    ]
    if depth > 1 or r.random() < 0.35:
        return r.choice(atoms)
    op = r.choice(
        [
            "+",
            "-",
            "*",
            "/",
            "%",
            "==",
            "!=",
            "<",
            ">",
            "<=",
            ">=",
            "&&",
            "||",
            "and",
            "or",
            "eq",
            "ne",
            "lt",
            "gt",
        ]
    )
    left, right = _expr(r, depth + 1), _expr(r, depth + 1)
    if r.random() < 0.15:
        return f"!{left}" if r.random() < 0.5 else f"({left} {op} {right})"
    return f"{left} {op} {right}"


def _tool_call(r: random.Random) -> str:
    esc_arg = r.choice(
        [
            "$s",
            "$input.note",
            "'a b&c=d/é'",
            "\"<tag attr='x'>\"",
            "$input.email",
            "'it''s'",
            "$nul",
            "$n",
            "'café ü'",
            "'tab\there'",
        ]
    )

    def num() -> str:
        return r.choice(
            ["1", "2", "7", "-3", "2.5", "0", "'3'", "'4.5'", "$n", "$d", "$big", "'x'"]
        )

    return r.choice(
        [
            f"$esc.java({esc_arg})",
            f"$esc.javascript({esc_arg})",
            f"$esc.html({esc_arg})",
            f"$esc.xml({esc_arg})",
            f"$esc.sql({esc_arg})",
            f"$esc.url({esc_arg})",
            f"$esc.propertyKey({esc_arg})",
            f"$esc.property({esc_arg})",
            "$esc.d",
            "$esc.dollar",
            "$esc.h",
            "$esc.hash",
            "$esc.b",
            "$esc.backslash",
            "$esc.q",
            "$esc.quote",
            "$esc.s",
            "$esc.singleQuote",
            "$esc.e",
            "$esc.exclamation",
            f"$math.add({num()}, {num()})",
            f"$math.sub({num()}, {num()})",
            f"$math.mul({num()}, {num()})",
            f"$math.div({num()}, {num()})",
            f"$math.max({num()}, {num()})",
            f"$math.min({num()}, {num()})",
            f"$math.pow({num()}, {r.choice(['2', '3', '0.5'])})",
            f"$math.abs({num()})",
            f"$math.ceil({num()})",
            f"$math.floor({num()})",
            f"$math.round({num()})",
            f"$math.roundTo({r.choice(['0', '1', '2'])}, {num()})",
            f"$math.toInteger({num()})",
            f"$math.toDouble({num()})",
            f"$math.idiv({num()}, {num()})",
            f"$math.mod({num()}, {num()})",
        ]
    )


def _reference(r: random.Random) -> str:
    ref = r.choice([*REFS, _string_method(r), _collection_method(r), _tool_call(r)])
    body = ref[1:]
    form = r.random()
    if form < 0.15:
        return "${" + body + "}"
    if form < 0.25:
        return "$!" + body
    if form < 0.32:
        return "$!{" + body + "}"
    if form < 0.40:
        return "\\" * r.choice([1, 1, 2, 3]) + ref
    return ref


def _text(r: random.Random) -> str:
    return r.choice(
        [
            "",
            " ",
            "x",
            "\n",
            "  ",
            "\t",
            " - ",
            '{"a": ',
            "}",
            "/api/v2/",
            "?q=",
            "&",
            ",",
            "\n  ",
            ". ",
            "$",
            "# ",
            "#",
            "\\",
            "(",
            ")",
            "[1]",
            "$1.00",
        ]
    )


def _block(r: random.Random, depth: int) -> str:
    kind = r.random()
    if depth > 2 or kind < 0.35:
        return _text(r) + _reference(r) + _text(r)
    if kind < 0.5:
        var = r.choice(["a", "b", "x", "s", "n"])
        lead = r.choice(["", "", "  ", "\n", "\t"])
        tail = r.choice(["", "\n", "  \n", " "])
        value = r.choice(
            [
                _expr(r),
                _reference(r),
                "[1, 2, 3]",
                "{'k': 1, 'j': 'v'}",
                "[1..3]",
                '"interp $s!"',
                "'lit $s'",
                '"#if(true)y#end"',
            ]
        )
        if value.startswith("\\"):
            value = value.lstrip("\\")
        return f"{lead}#set(${var} = {value}){tail}${var}"
    if kind < 0.7:
        lead = r.choice(["", "  ", "\n"])
        gap = r.choice(["", "\n", "  \n"])
        parts = [f"{lead}#if({_expr(r)}){gap}{_block(r, depth + 1)}"]
        if r.random() < 0.4:
            parts.append(f"#elseif({_expr(r)}){_block(r, depth + 1)}")
        if r.random() < 0.5:
            pre, post = r.choice(["", "  "]), r.choice(["", "\n", " "])
            parts.append(f"{pre}#else{post}{_block(r, depth + 1)}")
        parts.append("#end" + r.choice(["", "\n", "  \n", " x"]))
        return "".join(parts)
    if kind < 0.85:
        src = r.choice(
            [
                "$l",
                "$el",
                "[1..3]",
                "[3..1]",
                "$input.tags",
                "$m",
                "$m.keySet()",
                "$nul",
                "$s.split(',')",
                "$csv.split(',')",
                "['a', 'b']",
                "[$n, $d]",
            ]
        )
        body = r.choice(
            [
                "$i",
                "$velocityCount:$i",
                "$foreach.index=$i",
                "$i#if($foreach.hasNext),#end",
                "[$foreach.count/$foreach.first/$foreach.last]",
                "#if($velocityCount == 2)#break#end$i",
                _block(r, depth + 1),
            ]
        )
        gap, tail = r.choice(["", "\n"]), r.choice(["", "\n"])
        return f"#foreach($i in {src}){gap}{body}#end{tail}"
    if kind < 0.9:
        return r.choice(
            [
                "## comment\n",
                "#* block\ncomment *#",
                "#[[ $raw #if ]]#",
                "a##c\nb",
                "#{if}(true)B#{else}C#{end}",
                "\\#if(true)",
                "\\#end",
                "\\\\#if(true)e#end",
            ]
        )
    return _text(r) + _reference(r)


# ---------------------------------------------------------------- lexer and runtime corners
# Velocity 1.7's JavaCC lexer changes state per token (REFERENCE, REFMODIFIER, PRE_DIRECTIVE...),
# so `##`, `$`, `#` and blanks mean different things depending on what came just before.

QUIRK_CONTEXT = {**CONTEXT, "u": "a\U0001f600b\u20ac c", "w": "\U0001f600"}
_AFTER_REF = [
    "$s",
    "$!s",
    "$m.k",
    "$!m.k",
    "${m.k}",
    "$s.length()",
    "$l[0]",
    "$m.nested.x[0]",
    "$input.tags",
    "$missing.x",
    "\\$m.k",
    "$!{s}",
]
_AFTER_HASHES = [
    " c\n",
    "end",
    "else",
    "if(true)a#end",
    "*c*#",
    "#x\n",
    "foo",
    "{end}",
    "foreach($i in [1..2])$i",
    "set($a)",
    "set($a = 1)",
    "elseif(true)e",
    "foo($s)",
]
_BEFORE_SET = [
    "",
    "$",
    "$!",
    "\\$",
    "$$",
    "#",
    "$#",
    "\\",
    "#foo",
    "#{foo}",
    "#1",
    "#-1",
    "#1.5",
    "$.",
    "$[",
    "}",
    "$s}",
    ".",
    "x",
    "\\#end",
    "#end",
    ")",
]
_DIRECTIVE_ARGS = [
    "",
    "1",
    "$s",
    " $s 'x' ",
    "1 2",
    "in",
    "$a = 1",
    "1,2",
    ",1",
    "[1..2] true",
    "{'a': 1}",
    "x=1",
    "1,",
    "\n$s",
]
_FOREACH_HEADS = [
    "$i in",
    "$i on $l",
    "$i in $l $s",
    "$i",
    "",
    "in $l",
    "'a' in $l",
    "$i in $l",
    "$i, $l",
    "$i in [1..2] $i",
]
_METHOD_CALLS = [
    "$s.concat(\\$s)",
    "$s.concat(\\\\$e)",
    "$s.concat(x)",
    "$nul.concat(x)",
    "$s.length(#if(true)y#end)",
    "$s.concat(\n'a')",
    "$input.tags(\\$csv.isEmpty()))",
    "$s.concat(true)",
    "$s.concat(-1)",
    "$s.concat(truex)",
    "$m.get(\\$m.k)",
]
_UNICODE = [
    "$u.length()",
    "$u.substring(1, 3)",
    "$u.substring(2)",
    "$u.charAt(1)",
    "$u.indexOf('b')",
    "$u.lastIndexOf('c')",
    "$u.indexOf('b', 2)",
    "$u.codePointAt(1)",
    "$u.toUpperCase()",
    "$u.replace('\U0001f600', 'x')",
    "$u.compareTo('a')",
    "$w.length()",
    "$w.charAt(0)",
    "$u.substring(1, 2)$u.substring(2, 3)",
    "$esc.html($u)",
    "$esc.xml($u)",
    "$esc.java($u)",
    "$esc.propertyValue($u)",
    "$esc.propertyKey($w)",
    "$u.startsWith('b', 3)",
    "$u.hashCode()",
    "$u.contains($w)",
]
_NUMBERS = ["1", "2", "1.0", "3.0", "1.5", "0.5", "-2", "'1.0'", "1e20", "2147483647", "$d", "$n"]


def _quirk(r: random.Random) -> str:
    kind = r.randrange(9)
    if kind == 0:
        inner = r.choice(_AFTER_REF) + "##" + r.choice(_AFTER_HASHES)
        frame = r.choice(
            ["{}", "#if($t){}#end", "#if($t){}", "#foreach($i in [1]){}#end", "{}#end"]
        )
        follow = r.choice(["", " x", "\nfoo", "#set($a = 1)$a", "#set($a)", "  #set($b = 2)$b"])
        return frame.format(inner) + follow
    if kind == 1:
        lead = r.choice(["a", "$m.k", "${s}", "#if($t)x#end", "$s)", "#[[r]]#", "\n"])
        prefix = r.choice(_BEFORE_SET)
        if prefix in ("\\#end", "#end"):
            lead, prefix = "#if($t)" + lead, prefix
        blanks = r.choice(["", " ", "\t", "  ", " \t"])
        value = r.choice(["1", "$s", "[1, 2]", "'x'"])
        return f"{lead}{prefix}{blanks}#set($a = {value})$a"
    if kind == 2:
        name = r.choice(["#foo", "#{foo}", "$#foreach", "$#foo", "#foo ", "#@foo"])
        return f"a{name}({r.choice(_DIRECTIVE_ARGS)})Y"
    if kind == 3:
        body = r.choice(["x", "$i", "[$i]", "$velocityCount"])
        return f"#foreach({r.choice(_FOREACH_HEADS)}){body}#end"
    if kind == 4:
        return r.choice(_METHOD_CALLS) + r.choice(["", ")", " x"])
    if kind == 5:
        return (
            r.choice(["$d", "x", ""])
            + "$"
            + "\\" * r.randint(1, 3)
            + r.choice(["#end", "#foo", "# x", " x", "#if(true)i#end", "$s"])
        )
    if kind == 6:
        return r.choice(_UNICODE)
    if kind == 7:
        ref = r.choice(["$s", "$!s", "${s}", "$m.k", "$missing", "$m.k.x"])
        lead = r.choice(["\\" * r.randint(0, 3) + "$", "$#*c*#", "$##c\n", "$#", "$!"])
        return lead + ref + r.choice(["", "(#set($x = 1)$x", "(  #set($x = 2)\n$x", " x"])
    op = r.choice(["add", "sub", "mul", "div", "max", "min", "pow", "abs"])
    args = [r.choice(_NUMBERS) for _ in range(1 if op == "abs" else 2)]
    return f"$math.{op}({', '.join(args)})"


def generate_quirks(count: int = 360, seed: int = 1731) -> list[dict]:
    """Seeded cases aimed at the lexer-state and UTF-16 corners, mixed with ordinary blocks."""
    r = random.Random(seed)
    cases = []
    for _ in range(count):
        parts = [_quirk(r) for _ in range(r.randint(1, 3))]
        if r.random() < 0.3:
            parts.insert(r.randrange(len(parts) + 1), _block(r, 1))
        cases.append({"template": r.choice(["", " ", "\n"]).join(parts), "context": QUIRK_CONTEXT})
    return cases


SYNTAX_ERRORS = [
    "${s",
    "$s.substring(1",
    "#if(true)x",
    "#else",
    "#end",
    "#if($n)a#else b",
    "#set($a = )",
    "#set($a 1)",
    "#foreach($i in)x#end",
    "$!",
    "#if(1 +)x#end",
    "#set($a = 5 -2)",
    "${s.length()",
    "$s.replace('a'",
    "#if($a == )#end",
    "#foreach($i in $l)",
    "#set($a = [1, 2)",
    "#set($a = {'a' 1})",
    "#if(true)#elseif#end",
]


def generate(count: int = 1300, seed: int = 1729) -> list[dict]:
    """`count` seeded random cases plus the syntax-error cases."""
    r = random.Random(seed)
    cases = [
        {"template": "".join(_block(r, 0) for _ in range(r.randint(1, 4))), "context": CONTEXT}
        for _ in range(count)
    ]
    cases += [{"template": t, "context": CONTEXT} for t in SYNTAX_ERRORS]
    return cases


HAND_WRITTEN = [
    # Examples from the Genesys Data Actions reference (section 3 and the exports in section 4)
    (
        "/api/v2/analytics/conversations/${input.CONVERSATION_ID}/details",
        {"input": {"CONVERSATION_ID": "c0ffee-1"}},
    ),
    ("${input.rawRequest}", {"input": {"rawRequest": '{"a":1}'}}),
    ('{"externalSegment": ${externalSegment}}', {"externalSegment": '["a","b"]'}),
    ("${rawResult}", {"rawResult": '{"x":1}'}),
    ("/api/v2/timezones?pageSize=100&pageNumber=4", {}),
    ("${variable} $!{variable}", {}),
    ("${variable} $!{variable}", {"variable": "set"}),
    ('"$esc.quote$esc.quote"', {}),
    ("/users/$esc.url($input.name)?q=$esc.url(${input.q})", {"input": {"name": "a b", "q": "x&y"}}),
    # An escaped input followed by `.json`: the shorthand call reads `.json` as a property of
    # its result (printed as written); the formal forms the wizard writes end at the brace.
    ("/users/$esc.url(${input.id}).json", {"input": {"id": "a b/1"}}),
    ("/users/${esc.url($input.id)}.json", {"input": {"id": "a b/1"}}),
    (
        "/users/${esc.url(${input.user-id})}.json?x=$!{esc.url($input.q)}.v",
        {"input": {"user-id": "é 1", "q": "&"}},
    ),
    ("$math.add(1, 2) $math.div(1, 2) $math.mul(2, 1.5) $math.sub(1, 3.0)", {}),
    (
        "${input.name.substring(0, 3)} ${input.name.toUpperCase()} $input.name.length()",
        {"input": {"name": "Genesys"}},
    ),
    ("#if(${input.x} == 'a')A#elseif($input.x == 'b')B#{else}C#end", {"input": {"x": "b"}}),
    (
        '#foreach($t in $input.tags)"$t"#if($foreach.hasNext),#end#end',
        {"input": {"tags": ["a", "b"]}},
    ),
    ("#set($q = $input.q.replaceAll('\\s+', '+'))$q", {"input": {"q": "a  b c"}}),
    (
        '{\n  "name": "$input.name",\n  #if($input.age)"age": $input.age,#end\n  "ok": true\n}',
        {"input": {"name": "n", "age": 3}},
    ),
]


# Found on real inputs: URLEncoder's `~`, the reference lexer swallowing `{word}` after `$n`,
# and Java's Unicode classes in regex methods.
REAL_INPUT_CASES: list[tuple[str, dict]] = [
    ('$esc.url("~ *-._!()é/?&=")', {}),
    ("$esc.url($s)", {"s": "a~b c+d"}),
    *[
        (t, {"n": 5, "m": 2, "o": {"a": 1}, "l": [1]})
        for t in [
            "$n{word} x", "$n{ word}", "$n{1}", "$n{word", "$n{}", "$o.a{word}", "${n}{word}",
            "$n{w.x}", "$n{w}{v}", "$!n{w}", "$n{w-x}", "$n{$m}", '#set($a = "$n{w}")$a',
            "$n{w}\n", "$n{_w}", "$n{W}", "$n{w x}", "$n{w)", "$nope{w}", "$!nope{w}",
            "$l[0]{w}", "$n{w}}", "$n{{w}", "x $n{w} y $m{v} z", "\\$n{w}", "\\\\$n{w}",
            "$n{#if(true)x#end}", "$n{-w}", "$n{é}",
        ]
    ],
    *[
        (t, {"s": "Été a_1 日本-x\u00a0y\r\n\u2028z ١٢"})
        for t in [
            '$s.replaceAll("\\p{L}", "x")', '$s.matches("\\p{Lu}.*")', '$s.split("\\P{L}+").size()',
            '$s.replaceAll("\\p{Alpha}", "x")', '$s.replaceAll("\\p{IsAlphabetic}", "x")',
            '$s.replaceAll("\\p{javaLowerCase}", "x")', '$s.replaceAll("\\w", "x")',
            '$s.replaceAll("[\\w-]", "x")', '$s.replaceAll("\\W", "x")', '$s.replaceAll("\\d+", "x")',
            '$s.replaceAll("\\s", "x")', '$s.replaceAll(".", "x")', '$s.replaceAll("\\p{Lu}\\p{Ll}+", "W")',
            '$s.replaceAll("[\\p{L}&&[^a]]", "x")', '$s.replaceFirst("\\p{InCJKUnifiedIdeographs}+", "C")',
            '$s.replaceAll("\\Q.\\E", "x")',
        ]
    ],
]  # fmt: skip


def all_cases() -> list[dict]:
    hand = [{"template": t, "context": c} for t, c in HAND_WRITTEN + REAL_INPUT_CASES]
    return generate() + hand + generate_quirks()
