"""The precompiled filter tests give exactly the answers of the reference `apply` methods."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.runtime.jsonpath import compile_path, tokens

# Values where double, int and BigDecimal order can disagree, drawn often on purpose.
tricky_numbers = st.sampled_from(
    [2**53, 2**53 + 1, 2**60, 10, 0, 2.0**53, 2.0**60, 0.1, 10.0, -0.0, 99.5, 1e300]
)
scalars = st.one_of(
    tricky_numbers,
    tricky_numbers,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([2**53, 2**53 + 1, -(2**53) - 1, 2**60, 0, 10, -3]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.1, 10.0, -0.0, 99.5, 1e300, 2.0**60, 2.0**53, 9.999999999999999e22]),
    st.decimals(allow_nan=False, allow_infinity=False, places=20),
    st.sampled_from(["null", "10", "true", "abc", "a'b", "", "\U0001f600", "\uffff", "10.5"]),
    st.text(max_size=4),
)
values = st.one_of(
    tricky_numbers, scalars, st.lists(scalars, max_size=2), st.dictionaries(st.just("k"), scalars)
)

number_literals = st.sampled_from(
    [
        "9007199254740993",
        "9007199254740992",
        "1152921504606846976",
        "0.10000000000000001",
        "10",
        "$.r",
    ]
)
literals = number_literals | st.sampled_from(
    [
        "10",
        "-3",
        "99.5",
        "0.1",
        "1e2",
        "10.0",
        "9007199254740993",
        "1E400",
        "abc",
        "'abc'",
        "'10'",
        "'null'",
        "null",
        "true",
        "false",
        "'a\\'b'",
        "'\U0001f600'",
        "9007199254740992",
        "1152921504606846976",
        "0.10000000000000001",
        "99.50",
        "$.r",
        "$.r",
        "$.missing",
        "@.other",
        "$.r.k",
        "/a.*/",
        "'\uffff'",
    ]
)
operators = st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "=~"])


@st.composite
def conditions(draw: st.DrawFn) -> str:
    left = draw(st.sampled_from(["@.k", "@.k", "@.other", "@.k.k", "$.r"]))
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(["", "!"])) + left
    return f"{left} {draw(operators)} {draw(literals)}"


def _outcome(run: Any, item: Any, ctx: tokens.EvalContext) -> Any:
    try:
        return ("ok", bool(run(item, ctx)))
    except Exception as exc:  # the reference may raise Java errors; both must agree
        return ("error", type(exc).__name__, str(exc))


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(conditions(), min_size=1, max_size=3),
    st.lists(st.sampled_from(["&&", "||"]), min_size=2, max_size=2),
    st.fixed_dictionaries({"k": values}, optional={"other": values}) | values,
    values,
)
def test_precompiled_filter_equals_reference(
    parts: list[str], joins: list[str], item: Any, root_value: Any
) -> None:
    text = parts[0]
    for join, part in zip(joins, parts[1:], strict=False):
        text += f" {join} {part}"
    try:
        token = compile_path(f"$[?({text})]")._tokens[1]
    except ValueError:
        return  # a path Jayway rejects: nothing to evaluate
    assert isinstance(token, tokens.PredicateToken)
    (predicate,) = token.predicates
    root = {"r": root_value}
    fast_ctx, reference_ctx = tokens.EvalContext(root), tokens.EvalContext(root)
    # Twice: the second call runs with the root-path cache filled by the first.
    for _ in range(2):
        expected = _outcome(predicate.apply, item, reference_ctx)
        assert _outcome(predicate.test, item, fast_ctx) == expected


def test_root_reference_filter_on_mixed_numbers() -> None:
    document = {
        "limit": 2**53 + 1,
        "items": [{"v": 2**53}, {"v": float(2**53)}, {"v": 2**53 + 2}, {"v": Decimal("1E+16")}],
    }
    compiled = compile_path("$.items[?(@.v < $.limit)].v")
    predicate = compiled._tokens[2].predicates[0]
    ctx = tokens.EvalContext(document)
    expected = [item["v"] for item in document["items"] if predicate.apply(item, ctx)]
    assert compiled.evaluate(document) == expected
    assert expected == [2**53, float(2**53)]


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["@.k", "@.k", "@.k.k"]), operators, literals, values, values)
def test_precompiled_criterion_equals_reference(
    left: str, operator: str, literal: str, value: Any, root_value: Any
) -> None:
    """One `@.k <op> literal` at a time, so tricky number pairs meet often."""
    try:
        token = compile_path(f"$[?({left} {operator} {literal})]")._tokens[1]
    except ValueError:
        return
    (predicate,) = token.predicates
    item, root = {"k": value}, {"r": root_value}
    fast_ctx, reference_ctx = tokens.EvalContext(root), tokens.EvalContext(root)
    for _ in range(2):
        expected = _outcome(predicate.apply, item, reference_ctx)
        assert _outcome(predicate.test, item, fast_ctx) == expected


tricky_texts = st.sampled_from(["\U0001f600", "\uffff", "\ue000", "a", "null", "10", "true"])


@settings(max_examples=1500, deadline=None)
@given(operators, tricky_numbers | tricky_texts, tricky_numbers | tricky_texts, st.booleans())
def test_precompiled_pairs_equal_reference(
    operator: str, value: Any, other: Any, via_root: bool
) -> None:
    """Pairs from small pools of values whose Python and Java order can differ."""
    if via_root:
        right = "$.r"
    elif isinstance(other, str):
        right = f"'{other}'"
    else:
        right = repr(other)
    (predicate,) = compile_path(f"$[?(@.k {operator} {right})]")._tokens[1].predicates
    item, root = {"k": value}, {"r": other}
    fast_ctx, reference_ctx = tokens.EvalContext(root), tokens.EvalContext(root)
    for _ in range(2):
        expected = _outcome(predicate.apply, item, reference_ctx)
        assert _outcome(predicate.test, item, fast_ctx) == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "city", "x"]), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(json_values, st.sampled_from(["$..city", "$..*", "$..a", "$.a..*", "$[0]..x"]))
def test_fast_deep_scans_equal_the_general_walk(document: Any, path: str) -> None:
    compiled = compile_path(path)
    scan = next(t for t in compiled._tokens if isinstance(t, tokens.ScanToken))
    before = compiled._tokens[compiled._tokens.index(scan) - 1]
    try:
        fast = compiled.evaluate(document)
    except Exception as exc:  # e.g. `[0]` on an object: the prefix fails the same way
        fast = type(exc)
    original, before.next = before.next, _GeneralScan(scan)
    try:
        general = compiled.evaluate(document)
    except Exception as exc:
        general = type(exc)
    finally:
        before.next = original
    assert repr(fast) == repr(general)


class _GeneralScan(tokens.Token):
    """Stands in for a ScanToken but always takes its general walk."""

    def __init__(self, scan: tokens.ScanToken) -> None:
        self.scan = scan

    def evaluate(self, model: Any, ctx: tokens.EvalContext) -> None:
        self.scan.walk(model, ctx)
