"""The engine's shortcuts give exactly the answers of Jayway's general token walk."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.runtime.jsonpath import compile_path, tokens

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "city", "x"]), inner, max_size=4)
    ),
    max_leaves=30,
)


def _outcome(run: Any) -> Any:
    try:
        return ("ok", run())
    except Exception as exc:  # the kind of failure must match too
        return ("error", type(exc).__name__)


@settings(max_examples=400, deadline=None)
@given(json_values, st.sampled_from(["$.a", "$.a.b", "a.city.x", "$['a']['b']", "$.x.a.b.city"]))
def test_simple_name_paths_equal_the_token_walk(document: Any, path: str) -> None:
    compiled = compile_path(path)
    assert compiled._names is not None  # the shortcut is taken
    fast = _outcome(lambda: compiled.evaluate(document))
    general = _outcome(lambda: compiled._tokens.value(document, document))
    if general[0] == "error":
        assert general == ("error", "PathNotFoundError")
        assert fast[0] == "error"
    else:
        assert fast == general


@settings(max_examples=400, deadline=None)
@given(json_values, st.sampled_from(["$..city", "$..a", "$..x", "$..b"]))
def test_fast_deep_scan_equals_the_general_walk(document: Any, path: str) -> None:
    compiled = compile_path(path)
    scan = compiled._tokens.tokens[1]
    assert isinstance(scan, tokens.ScanToken)

    def run(method: str) -> list[Any]:
        ctx = tokens.EvalContext(compiled._tokens, document)
        getattr(scan, method)(document, ctx)
        return ctx.results

    fast, general = run("evaluate"), run("walk")
    assert [id(v) for v in fast] == [id(v) for v in general]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([2**53, 2**53 + 1, 10, 0, -3, 0.1, 10.0, -0.0, 99.5, 1e300, 2.0**53]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=20),
    st.sampled_from(["null", "10", "10.0", "1E+1", "true", "abc", "a'b", "", "\U0001f600"]),
    st.text(max_size=3),
)
literals = st.sampled_from(
    ["10", "10.0", "0.1", "9007199254740993", "-3", "1e300", "'10'", "'abc'", '"1E+1"', "''",
     "true", "false", "null", "'\U0001f600'"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(scalars, st.lists(scalars, max_size=2), st.dictionaries(st.just("k"), scalars)),
    st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
    literals,
    st.booleans(),
)
def test_precompiled_filter_test_equals_apply(
    value: Any, operator: str, literal: str, present: bool
) -> None:
    compiled = compile_path(f"$[?(@.k {operator} {literal})]")
    token = compiled._tokens.tokens[1]
    assert isinstance(token, tokens.PredicateToken)
    relation = token.predicate
    assert relation.test != relation.apply  # the shortcut is taken
    item = {"k": value} if present else {"other": value}
    ctx = tokens.EvalContext(compiled._tokens, [item])
    assert _outcome(lambda: relation.test(item, ctx)) == _outcome(lambda: relation.apply(item, ctx))


@settings(max_examples=400, deadline=None)
@given(scalars, scalars, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
def test_root_reference_test_equals_apply(value: Any, limit: Any, operator: str) -> None:
    compiled = compile_path(f"$.items[?(@.k {operator} $.limit)]")
    token = compiled._tokens.tokens[2]
    assert isinstance(token, tokens.PredicateToken)
    relation = token.predicate
    root = {"limit": limit, "items": [{"k": value}]}
    fast_ctx = tokens.EvalContext(compiled._tokens, root)
    reference_ctx = tokens.EvalContext(compiled._tokens, root)
    for _ in range(2):  # the first call fills the root cache
        expected = _outcome(lambda: relation.apply(root["items"][0], reference_ctx))
        assert _outcome(lambda: relation.test(root["items"][0], fast_ctx)) == expected
