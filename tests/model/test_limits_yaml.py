"""The YAML node limit: the plain count used for documents without aliases gives the verdict
of the walk that follows aliases."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui.model.limits import check_expansion
from tui.model.problems import DataActionError

documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=40,
)


def verdict(node: Any, aliases: bool) -> bool:
    try:
        check_expansion(node, aliases=aliases)
    except DataActionError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(documents, st.integers(1, 60))
def test_the_plain_count_agrees_with_the_alias_walk(document: Any, cap: int) -> None:
    text = yaml.safe_dump(document)
    assume("*" not in text)  # what load_yaml checks before it counts plainly
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATAACTION_MAX_YAML_NODES", str(cap))
        assert verdict(node, aliases=False) == verdict(node, aliases=True)
