"""Median microseconds per render of a typical request and success template."""

from __future__ import annotations

import statistics
import time

from tui.runtime.velocity import genesys_tools, parse

REQUEST = (
    '{"name": "$esc.jsonString(${input.name})", "email": "$!{input.email}",\n'
    ' #if($input.count)"count": $input.count,#end\n'
    ' "tags": [#foreach($t in $input.tags)"$t"#if($foreach.hasNext),#end#end]}'
)
SUCCESS = '{"offset": ${successTemplateUtils.firstFromArray("${offset}")}, "raw": ${rawResult}}'


def median_us(template: str, context: dict, rounds: int = 20000) -> float:
    compiled = parse(template)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        compiled.render(context)
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def main() -> None:
    tools = genesys_tools()
    request_ctx = {
        **tools,
        "input": {"name": 'Ada "L"', "email": "a@b.c", "count": 3, "tags": ["x", "y", "z"]},
    }
    success_ctx = {**tools, "offset": "[600]", "rawResult": '{"a": 1}'}
    print(f"request template: {median_us(REQUEST, request_ctx):.1f} µs/render (median)")
    print(f"success template: {median_us(SUCCESS, success_ctx):.1f} µs/render (median)")


if __name__ == "__main__":
    main()
