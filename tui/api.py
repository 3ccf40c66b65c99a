"""The Python API: define a data action in code, validate, test and deploy it.

```python
from tui.api import DataAction, Input, Output

action = DataAction(
    "Get current weather",
    url="https://api.example.com/weather?q=$esc.url(${input.city})",
    inputs=[Input("city", sample="Paris")],
    outputs=[Output("temperature", "$.main.temp", type="number"),
             Output("summary", "$.weather[0].description", default="unknown")],
)
action.validate()                                        # [] or the problems `validate` prints
run = action.test({"city": "Paris"}, response={"main": {"temp": 12.5}, "weather": []})
deployed = action.deploy(sandbox=True)                   # or an org: environment/client_id/...
```

Everything here is a thin layer over the rooms the command line uses, so errors and results are
the same: bad input raises :class:`DataActionError` (with located :class:`Problem`\\ s and, for
Genesys errors, the CLI's exit code as ``exit_code``); a test returns Genesys's
``TestExecutionResult``. Other modules of the package are internal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tui.model.compile import compile_spec, decompile
from tui.model.problems import DataActionError, Problem
from tui.model.spec import InputSpec, OutputSpec, RequestSpec, Spec
from tui.runtime.results import TestExecutionResult

if TYPE_CHECKING:
    from tui.genesys.deploy import DeployResult

__all__ = [
    "DataAction",
    "DataActionError",
    "DeployResult",
    "Input",
    "Output",
    "Problem",
    "TestExecutionResult",
]

InputType = Literal["string", "integer", "number", "boolean"]
OutputType = Literal["string", "integer", "number", "boolean", "array", "object"]
ItemType = Literal["string", "integer", "number", "boolean", "object"]
Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
JsonValue = Any  # what json.loads returns


@dataclass(frozen=True)
class Input:
    """An input the flow passes (`${input.<name>}` in the URL, headers and body)."""

    name: str
    type: InputType = "string"
    sample: str | int | float | bool | None = None
    required: bool = True
    description: str | None = None


@dataclass(frozen=True)
class Output:
    """An output: a JSONPath into the response, its type, and a fallback value.

    `default` is a Python value (``"unknown"``, ``0``, ``None``...) used when the path finds
    nothing; it is stored as JSON text, as Genesys's translationMapDefaults want.
    """

    name: str
    path: str
    type: OutputType = "string"
    items: ItemType | None = None
    default: JsonValue = field(default=None)
    has_default: bool = field(default=False, compare=False)
    description: str | None = None

    def __post_init__(self) -> None:
        if self.default is not None and not self.has_default:
            object.__setattr__(self, "has_default", True)


class DataAction:
    """A Genesys Cloud data action described in code (compiled exactly as the CLI compiles)."""

    def __init__(
        self,
        name: str,
        *,
        url: str,
        method: Method = "GET",
        headers: Mapping[str, str] | None = None,
        body: str | None = None,
        inputs: Sequence[Input] = (),
        outputs: Sequence[Output] = (),
        category: str = "Data Actions",
        timeout: int | None = None,
        success_template: str | None = None,
    ) -> None:
        try:
            spec = Spec(
                name=name,
                category=category,
                timeout=timeout,
                success_template=success_template,
                request=RequestSpec(method=method, url=url, headers=dict(headers or {}), body=body),
                inputs=[InputSpec(**vars(i)) for i in inputs],
                outputs=[_output_spec(o) for o in outputs],
            )
        except ValueError as exc:  # a record's ValidationError is a ValueError
            raise _as_problems(exc) from None
        spec.sync_inputs_with_templates()
        self._spec = spec

    # -- other ways in -------------------------------------------------------------------
    @classmethod
    def from_spec(cls, spec: Spec) -> DataAction:
        action = cls.__new__(cls)
        action._spec = spec.model_copy(deep=True)
        return action

    @classmethod
    def load(cls, path: str | Path) -> DataAction:
        """An action file in any format the CLI reads (spec YAML, API JSON, .custom.json, .tf)."""
        from tui.model.formats import load

        loaded = load(path)
        return cls.from_spec(loaded.spec or decompile(loaded.action))

    @classmethod
    def from_curl(cls, command: str, name: str = "New action") -> DataAction:
        """The request a curl command makes (secrets become credential references)."""
        from tui.model.curl_import import spec_from_curl

        spec, _ = spec_from_curl(command, name)
        return cls.from_spec(spec)

    @classmethod
    def from_openapi(
        cls, source: str | Path, operation: str, name: str | None = None
    ) -> tuple[DataAction, JsonValue]:
        """An OpenAPI 3.0/3.1 operation (operationId or 'METHOD /path') as an action, with the
        sample response its description gives (None when it has none) to test the mappings."""
        from tui.model.openapi import find_operation, load_openapi, spec_for

        doc = load_openapi(str(source))
        got = spec_for(doc, find_operation(doc, operation), name=name)
        return cls.from_spec(got.spec), got.sample

    def add_output(self, output: Output) -> None:
        """Map one more response field (e.g. after looking at an OpenAPI sample)."""
        try:
            self._spec.outputs = [*self._spec.outputs, _output_spec(output)]
        except ValueError as exc:
            raise _as_problems(exc) from None

    # -- what it is ----------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self._spec.name

    @property
    def spec(self) -> Spec:
        """The friendly spec (a copy: change the action through its own methods)."""
        return self._spec.model_copy(deep=True)

    def to_wire(self) -> dict[str, Any]:
        """The Genesys API JSON of the action (what a deploy sends)."""
        from tui.model.action import to_wire

        return to_wire(compile_spec(self._spec))

    def to_yaml(self) -> str:
        from tui.model.formats import spec_to_yaml

        return spec_to_yaml(self._spec)

    def save(self, path: str | Path) -> Path:
        """Write the spec YAML (the format `dataaction validate/test/deploy` read)."""
        out = Path(path)
        out.write_text(self.to_yaml(), encoding="utf-8")
        return out

    def to_curl(self, inputs: Mapping[str, Any] | None = None) -> str:
        """The request as a curl command (credentials as YOUR_... placeholders)."""
        from tui.runtime.curl_export import curl_command

        return curl_command(compile_spec(self._spec), dict(inputs or self._spec.sample_inputs()))

    # -- check, run, deploy --------------------------------------------------------------
    def validate(self, sample: JsonValue = None) -> list[Problem]:
        """Every problem `dataaction validate` reports (errors and warnings).

        With `sample` (a response body: dict/list, JSON text or bytes) the response half is
        checked against it too.
        """
        from tui.runtime.validation import validate_action

        canned = None if sample is None else _canned(sample, 200)
        return validate_action(compile_spec(self._spec), sample=canned)

    def check(self, sample: JsonValue = None) -> list[Problem]:
        """`validate`, raising :class:`DataActionError` when there is an error; returns warnings."""
        problems = self.validate(sample)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise DataActionError(errors)
        return problems

    def test(
        self,
        inputs: Mapping[str, Any] | None = None,
        *,
        response: JsonValue = None,
        status: int = 200,
        credentials: Mapping[str, str] | None = None,
        flatten: bool = False,
        base_url: str | None = None,
    ) -> TestExecutionResult:
        """Run the action locally, step by step, as Genesys's test endpoint does.

        With `response` (dict/list, JSON text or bytes) the HTTP call is replaced by that canned
        response; without it the real API is called. `inputs` default to the samples.
        """
        from tui.runtime.pipeline import run_test

        canned = None if response is None else _canned(response, status)
        return run_test(
            compile_spec(self._spec),
            dict(self._spec.sample_inputs() if inputs is None else inputs),
            response=canned,
            flatten=flatten,
            base_url=base_url or ("https://api.mypurecloud.com" if canned is not None else None),
            credentials=dict(credentials or {}),
        )

    def deploy(
        self,
        *,
        sandbox: bool = False,
        sandbox_db: str | Path | None = None,
        environment: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        profile: str | None = None,
        integration_id: str | None = None,
        recreate: bool = False,
    ) -> DeployResult:
        """Create or update the action in an org, or in the sandbox, like `dataaction deploy`.

        The target is chosen as the CLI chooses it: the arguments, else GENESYS_* variables or
        a profile, else the embedded sandbox. The action is validated first.
        """
        from tui.genesys.deploy import Deployer
        from tui.genesys.target import resolve_target

        self.check()
        target = resolve_target(
            profile=profile,
            environment=environment,
            client_id=client_id,
            client_secret=client_secret,
            sandbox=sandbox,
            sandbox_db=sandbox_db,
        )
        with Deployer(target) as deployer:
            return deployer.deploy(
                compile_spec(self._spec),
                integration_id or self._spec.integration_id,
                recreate=recreate,
            )

    def __repr__(self) -> str:
        return f"DataAction({self.name!r}, {self._spec.request.method} {self._spec.request.url})"


def __getattr__(name: str) -> Any:
    """`DeployResult` loads the deploy room only when asked for (it pulls in the SDK)."""
    if name == "DeployResult":
        from tui.genesys.deploy import DeployResult

        return DeployResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _output_spec(o: Output) -> OutputSpec:
    default = json.dumps(o.default) if o.has_default else None
    return OutputSpec(
        name=o.name,
        path=o.path,
        type=o.type,
        items=o.items,
        default=default,
        description=o.description,
    )


def _canned(body: JsonValue, status: int) -> Any:
    from tui.runtime.pipeline import CannedResponse

    if isinstance(body, bytes | str):
        return CannedResponse(body, status=status)
    return CannedResponse(json.dumps(body), status=status)


def _as_problems(exc: ValueError) -> DataActionError:
    from tui.model.formats import problems_from_validation
    from tui.model.records import ValidationError

    if isinstance(exc, ValidationError):
        return DataActionError(problems_from_validation(exc, "", {}))
    return DataActionError([Problem(str(exc))])
