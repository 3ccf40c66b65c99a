"""Typed records: the model layer's base class, light enough to load on every command.

Why not pydantic models directly: importing pydantic costs ~57 ms and building our models
~30 ms more, while `validate` as a whole should stay within 3x a bare interpreter (~60 ms).
So a record checks the values real files hold, already of the exact declared type, itself: in
microseconds and without pydantic. Anything else (a value pydantic would coerce, such as "5" for
an int, or one it would refuse) goes to a pydantic mirror of the same record, built on first
need, so coercions, error types and messages stay pydantic's own; the conformance test in
tests/model/test_records.py checks the two answer alike.

The public face is the part of pydantic's `BaseModel` this project uses: `model_validate`,
`model_construct`, `model_copy`, `model_dump` (by_alias, exclude_unset/defaults/none),
`model_dump_json`, `model_fields`, `model_fields_set`, assignment checked like
`validate_assignment=True`, and :class:`ValidationError` with pydantic's `errors()`.
"""

from __future__ import annotations

import _thread
import copy
import functools
import json
import operator
import sys
import types
from collections.abc import Callable
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Literal,
    Self,
    TypeVar,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

_MISSING: Any = object()
F = TypeVar("F")


class ValidationError(ValueError):
    """Pydantic's ValidationError for a record: the same `errors()` and text.

    A ValueError (as pydantic's is), so code that catches ValueError keeps working.
    """

    def __init__(self, title: str, errors: list[Any], text: str) -> None:
        super().__init__(text)
        self.title = title
        self._errors = errors

    def errors(self, *, include_url: bool = True) -> list[dict[str, Any]]:
        if include_url:
            return self._errors
        return [{k: v for k, v in e.items() if k != "url"} for e in self._errors]

    def error_count(self) -> int:
        return len(self._errors)

    def __reduce__(self) -> tuple[Any, ...]:
        return ValidationError, (self.title, self._errors, str(self))


class _Defer(Exception):
    """The strict check cannot decide: let pydantic coerce or explain."""


class FieldInfo:
    """One declared field: its default, wire alias, description and (once resolved) its type."""

    __slots__ = (
        "alias",
        "annotation",
        "check",
        "default",
        "default_factory",
        "description",
        "max_length",
        "name",
        "owner",
    )

    def __init__(
        self,
        default: Any = _MISSING,
        default_factory: Callable[[], Any] | None = None,
        description: str | None = None,
        max_length: int | None = None,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.description = description
        self.max_length = max_length
        self.name = ""
        self.alias: str | None = None
        self.annotation: Any = None  # as written (a string under postponed annotations)
        self.owner = ""  # the module that declared it, whose names the annotation uses
        self.check: Callable[[Any], Any] | None = None

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    @property
    def factory(self) -> Callable[[], Any] | None:
        """What makes the default afresh for each record (None: the default itself is used)."""
        if self.default_factory is not None:
            return self.default_factory
        if isinstance(self.default, list | dict | set):  # each record its own, as pydantic does
            return functools.partial(copy.copy, self.default)
        return None

    def make_default(self) -> Any:
        factory = self.factory
        return self.default if factory is None else factory()


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    max_length: int | None = None,
) -> Any:
    """A field with a default factory, a description or a longest length (pydantic's `Field`,
    the part we use)."""
    return FieldInfo(default, default_factory, description, max_length)


def after(*names: str) -> Callable[[F], F]:
    """Mark a static method run on these fields' values after their type check (pydantic's
    `field_validator`, mode "after"); it returns the value to keep or raises ValueError."""

    def mark(fn: F) -> F:
        target: Any = fn.__func__ if isinstance(fn, staticmethod) else fn
        target.__after_fields__ = names
        return fn

    return mark


def whole(fn: F) -> F:
    """Mark a static method run on the whole record once its fields are checked (pydantic's
    `model_validator`, mode "after"); it raises ValueError to refuse the record."""
    target: Any = fn.__func__ if isinstance(fn, staticmethod) else fn
    target.__whole__ = True
    return fn


def to_camel(name: str) -> str:
    """snake_case to camelCase, as pydantic's `to_camel` does for our field names."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass_transform(kw_only_default=True, field_specifiers=(field, FieldInfo))
class Record:
    """Base of every model: declare fields as annotations with defaults, as on a dataclass.

    Class keywords: `camel=True` takes camelCase wire names (either name is accepted, as with
    pydantic's `populate_by_name`), `extra="forbid"` refuses unknown keys ("ignore" drops them).
    """

    model_fields: ClassVar[dict[str, FieldInfo]]
    _camel: ClassVar[bool] = False
    _extra: ClassVar[Literal["forbid", "ignore"]] = "forbid"
    _afters: ClassVar[dict[str, list[Callable[[Any], Any]]]]
    _wholes: ClassVar[list[Callable[[Any], None]]]
    _resolved: ClassVar[bool]
    _plan: ClassVar[list[tuple[Any, ...]]]
    _checks: ClassVar[dict[str, Callable[[Any], Any]]]
    _pydantic: ClassVar[type[BaseModel] | None]

    def __init_subclass__(
        cls, *, camel: bool | None = None, extra: Literal["forbid", "ignore"] | None = None
    ) -> None:
        if camel is not None:
            cls._camel = camel
        if extra is not None:
            cls._extra = extra
        fields: dict[str, FieldInfo] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "model_fields", {}))
        afters: dict[str, list[Callable[[Any], Any]]] = {
            name: list(fns) for name, fns in getattr(cls, "_afters", {}).items()
        }
        wholes: list[Callable[[Any], None]] = list(getattr(cls, "_wholes", []))
        for value in list(vars(cls).values()):
            fn = value.__func__ if isinstance(value, staticmethod) else None
            for target in getattr(fn, "__after_fields__", ()):
                afters.setdefault(target, []).append(fn)  # type: ignore[arg-type]
            if getattr(fn, "__whole__", False):
                wholes.append(fn)  # type: ignore[arg-type]
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            if "ClassVar" in str(annotation):
                continue
            value = vars(cls).get(name, _MISSING)
            info = value if isinstance(value, FieldInfo) else FieldInfo(default=value)
            info.name = name
            info.annotation = annotation
            info.owner = cls.__module__
            info.alias = to_camel(name) if cls._camel else None
            fields[name] = info
            if name in vars(cls):
                delattr(cls, name)  # the instance holds the value; no class attribute shadows it
        cls.model_fields = fields
        cls._afters = afters
        cls._wholes = wholes
        cls._resolved = False
        cls._pydantic = None

    # -- building ----------------------------------------------------------------------------
    def __init__(self, **data: Any) -> None:
        built = type(self).model_validate(data)
        object.__setattr__(self, "__dict__", built.__dict__)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from a mapping (wire or field names), checked as pydantic would."""
        if type(data) is cls:
            return data
        try:
            if type(data) is not dict:
                raise _Defer
            return cls._strict(data)
        except _Defer:
            return cls._through_pydantic(data)

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """A record from trusted values, unchecked; absent fields take their defaults."""
        obj = object.__new__(cls)
        state = {
            name: values[name] if name in values else info.make_default()
            for name, info in cls.model_fields.items()
        }
        state["__fields_set__"] = {name for name in values if name in cls.model_fields}
        object.__setattr__(obj, "__dict__", state)
        return obj

    @classmethod
    def _strict(cls, data: dict[Any, Any]) -> Self:
        plan = cls._plan if cls._resolved else cls._resolve()
        state: dict[str, Any] = {}
        given: set[str] = set()
        for name, alias, check, required, default, factory in plan:
            if alias is not None and alias in data:
                if name in data:
                    raise _Defer  # both spellings: pydantic decides
                value = check(data[alias])
            elif name in data:
                value = check(data[name])
            elif required:
                raise _Defer
            else:
                state[name] = default if factory is None else factory()
                continue
            state[name] = value
            given.add(name)
        if len(given) != len(data) and cls._extra == "forbid":
            raise _Defer
        state["__fields_set__"] = given
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", state)
        for whole_check in cls._wholes:
            try:
                whole_check(obj)
            except ValueError:
                raise _Defer from None
        return obj

    @classmethod
    def _resolve(cls) -> list[tuple[Any, ...]]:
        """Each field's check (its type's, then this class's `after` functions), and the plan
        `_strict` follows (made on first use, so that defining a record costs nothing but the
        class)."""
        cls._checks = {}
        for name, info in cls.model_fields.items():
            if info.check is None:
                info.check = _checker(_type_of(info), info.max_length)
            cls._checks[name] = _then(info.check, cls._afters.get(name, ()))
        cls._plan = [
            (
                name,
                info.alias if info.alias != name else None,
                cls._checks[name],
                info.required,
                info.default,
                info.factory,
            )
            for name, info in cls.model_fields.items()
        ]
        cls._resolved = True
        return cls._plan

    # -- pydantic, for what the strict check leaves ------------------------------------------
    @classmethod
    def _through_pydantic(cls, data: Any) -> Self:
        from pydantic import ValidationError as PydanticError

        mirror = cls.pydantic_model()
        try:
            built = mirror.model_validate(_to_mirror(data))
        except PydanticError as exc:
            raise ValidationError(exc.title, exc.errors(), str(exc)) from None
        return cls._from_pydantic(built)

    @classmethod
    def _from_pydantic(cls, built: Any) -> Self:
        state = {name: _back(getattr(built, name)) for name in cls.model_fields}
        state["__fields_set__"] = set(built.model_fields_set)
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", state)
        return obj

    @classmethod
    def pydantic_model(cls) -> type[BaseModel]:
        """The pydantic model this record mirrors (built on first use)."""
        with _MIRRORS_LOCK:  # threads (the wizard's workers) build each mirror once
            if cls._pydantic is None:
                cls._pydantic = _mirror(cls)
        return cls._pydantic

    # -- reading and changing ----------------------------------------------------------------
    @property
    def model_fields_set(self) -> set[str]:
        return self.__dict__["__fields_set__"]

    def __setattr__(self, name: str, value: Any) -> None:
        info = type(self).model_fields.get(name)
        if info is None:
            if name.startswith("_"):
                object.__setattr__(self, name, value)
                return
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        cls = type(self)
        if not cls._resolved:
            cls._resolve()
        if cls._wholes:  # the whole record is checked again: pydantic does it on the new state
            self.__dict__[name] = self._assign_through_pydantic(name, value)
            self.__dict__["__fields_set__"].add(name)
            return
        try:
            checked = cls._checks[name](value)
        except _Defer:
            checked = self._assign_through_pydantic(name, value)
        self.__dict__[name] = checked
        self.__dict__["__fields_set__"].add(name)

    def _assign_through_pydantic(self, name: str, value: Any) -> Any:
        from pydantic import ValidationError as PydanticError

        mirror = type(self).pydantic_model()
        current = _to_mirror(self)  # this record's state, so whole-record checks see it
        try:
            mirror.__pydantic_validator__.validate_assignment(current, name, _to_mirror(value))
        except PydanticError as exc:
            raise ValidationError(exc.title, exc.errors(), str(exc)) from None
        return _back(getattr(current, name))

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with `update` applied unchecked (as pydantic does)."""
        state = copy.deepcopy(self.__dict__) if deep else dict(self.__dict__)
        state["__fields_set__"] = set(state["__fields_set__"])
        for name, value in (update or {}).items():
            state[name] = value
            if name in type(self).model_fields:
                state["__fields_set__"].add(name)
        obj = object.__new__(type(self))
        object.__setattr__(obj, "__dict__", state)
        return obj

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """The record as plain data; the exclusions apply at every level, as in pydantic."""
        flags = (by_alias, exclude_unset, exclude_defaults, exclude_none, mode == "json")
        return _dump_record(self, flags)

    def model_dump_json(self, **options: Any) -> str:
        text = self.model_dump(mode="json", **options)
        return json.dumps(text, separators=(",", ":"), ensure_ascii=False)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        names = type(self).model_fields
        return all(self.__dict__[n] == other.__dict__[n] for n in names)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        body = ", ".join(f"{n}={self.__dict__[n]!r}" for n in type(self).model_fields)
        return f"{type(self).__name__}({body})"

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        obj = object.__new__(type(self))
        object.__setattr__(obj, "__dict__", copy.deepcopy(self.__dict__, memo))
        return obj

    def __copy__(self) -> Self:
        return self.model_copy()


def _type_of(info: FieldInfo) -> Any:
    """The field's type: its annotation evaluated in the module that wrote it."""
    if not isinstance(info.annotation, str):
        return info.annotation
    return eval(
        info.annotation, vars(sys.modules[info.owner])
    )  # the annotation text of our own source


# -- strict checks --------------------------------------------------------------------------


def _checker(tp: Any, max_length: int | None = None) -> Callable[[Any], Any]:
    """A function that returns the value when it already has exactly type `tp` (as a fresh
    container, as pydantic builds one) and raises _Defer otherwise."""
    if max_length is not None:
        inner = _checker(tp)

        def check_length(v: Any) -> Any:
            if isinstance(v, str) and len(v) > max_length:
                raise _Defer
            return inner(v)

        return check_length
    if tp is Any:
        return lambda v: v
    if isinstance(tp, type) and issubclass(tp, Record):
        record = tp

        def check_record(v: Any) -> Any:
            if type(v) is record:
                return v
            if type(v) is dict:
                return record._strict(v)
            raise _Defer

        return check_record
    if tp is type(None):
        return _exact(type(None))
    if tp in (str, int, float, bool):
        return _exact(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        allowed = [(type(a), a) for a in args]

        def check_literal(v: Any) -> Any:
            if (type(v), v) in allowed:
                return v
            raise _Defer

        return check_literal
    if origin in (Union, types.UnionType):
        members = [_checker(a) for a in args]

        def check_union(v: Any) -> Any:
            for member in members:
                try:
                    return member(v)
                except _Defer:
                    continue
            raise _Defer

        return check_union
    if origin is list:
        item = _checker(args[0]) if args else _checker(Any)

        def check_list(v: Any) -> Any:
            if type(v) is not list:
                raise _Defer
            return [item(x) for x in v]

        return check_list
    if origin is dict:
        key, value = (_checker(args[0]), _checker(args[1])) if args else (_any, _any)

        def check_dict(v: Any) -> Any:
            if type(v) is not dict:
                raise _Defer
            return {key(k): value(x) for k, x in v.items()}

        return check_dict
    raise TypeError(f"records cannot hold {tp!r}")


def _then(check: Callable[[Any], Any], afters: Any) -> Callable[[Any], Any]:
    """`check`, then each `after` function (a ValueError from one: pydantic decides)."""
    if not afters:
        return check

    def checked(v: Any) -> Any:
        value = check(v)
        for fn in afters:
            try:
                value = fn(value)
            except ValueError:
                raise _Defer from None
        return value

    return checked


def _any(v: Any) -> Any:
    return v


def _exact(tp: type) -> Callable[[Any], Any]:
    def check(v: Any) -> Any:
        if type(v) is tp:
            return v
        raise _Defer

    return check


# -- dumping --------------------------------------------------------------------------------


Flags = tuple[bool, bool, bool, bool, bool]  # by_alias, the three exclusions, json mode


def _dump_record(record: Record, flags: Flags) -> dict[str, Any]:
    by_alias, exclude_unset, exclude_defaults, exclude_none, _ = flags
    state = record.__dict__
    fields_set = state["__fields_set__"]
    out: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        if exclude_unset and name not in fields_set:
            continue
        value = state[name]
        if exclude_none and value is None:
            continue
        if exclude_defaults and not info.required and value == info.make_default():
            continue
        out[info.alias if by_alias and info.alias else name] = _dump_value(value, flags)
    return out


def _dump_value(value: Any, flags: Flags) -> Any:
    if isinstance(value, Record):
        return _dump_record(value, flags)
    if isinstance(value, dict):
        return {k: _dump_value(v, flags) for k, v in value.items()}
    if isinstance(value, list):
        return [_dump_value(v, flags) for v in value]
    if not flags[4]:
        if isinstance(value, tuple):
            return tuple(_dump_value(v, flags) for v in value)
        return value
    return _as_json(value, flags)


def _as_json(value: Any, flags: Flags) -> Any:
    """A value in JSON terms, as pydantic's json mode gives it (YAML reads `2024-01-01` in a
    schema's `default` as a date; a float can be NaN)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, tuple | set | frozenset):
        return [_dump_value(v, flags) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    isoformat = getattr(value, "isoformat", None)  # date, datetime, time
    if callable(isoformat):
        return isoformat()
    return str(value)  # Decimal, UUID, Path...


# -- the pydantic mirror --------------------------------------------------------------------

_RECORD_OF: dict[type, type[Record]] = {}
_MIRRORS_LOCK = _thread.RLock()  # re-entered: a mirror builds the mirrors of its fields


def _mirror(cls: type[Record]) -> type[BaseModel]:
    from typing import Annotated

    from pydantic import AfterValidator, ConfigDict, create_model, model_validator
    from pydantic import Field as PydanticField

    config = ConfigDict(
        alias_generator=to_camel if cls._camel else None,
        populate_by_name=cls._camel,
        extra=cls._extra,
        validate_assignment=True,
    )
    definitions: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        annotation = _mirror_type(_type_of(info))
        for fn in cls._afters.get(name, ()):
            annotation = Annotated[annotation, AfterValidator(fn)]
        if info.default_factory is not None:
            factory = info.default_factory
            if isinstance(factory, type) and issubclass(factory, Record):
                factory = factory.pydantic_model()
            spec = PydanticField(
                default_factory=factory,
                description=info.description,
                max_length=info.max_length,
            )
        elif info.required:
            spec = PydanticField(description=info.description, max_length=info.max_length)
        else:
            spec = PydanticField(
                default=info.default, description=info.description, max_length=info.max_length
            )
        definitions[name] = (annotation, spec)
    validators: dict[str, Any] = {
        f"_whole_{i}": model_validator(mode="after")(_returning_self(check))
        for i, check in enumerate(cls._wholes)
    }
    model: type[BaseModel] = create_model(
        cls.__name__,
        __config__=config,
        __module__=cls.__module__,
        __validators__=validators,
        **definitions,
    )
    _RECORD_OF[model] = cls
    return model


def _returning_self(check: Callable[[Any], None]) -> Callable[[Any], Any]:
    def validate(self: Any) -> Any:
        check(self)
        return self

    return validate


def _mirror_type(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.pydantic_model()
    origin, args = get_origin(tp), get_args(tp)
    if origin is None or not args or origin is Literal:
        return tp
    mirrored = tuple(_mirror_type(a) for a in args)
    if origin in (Union, types.UnionType):
        return functools.reduce(operator.or_, mirrored)
    return origin[mirrored]


def _to_mirror(value: Any) -> Any:
    """`value` with every record in it turned into its mirror's instance (same values, same set
    fields): what pydantic takes as it took the models before."""
    if isinstance(value, Record):
        mirror = type(value).pydantic_model()
        state = {n: _to_mirror(value.__dict__[n]) for n in type(value).model_fields}
        return mirror.model_construct(_fields_set=set(value.model_fields_set), **state)
    if type(value) is list:
        return [_to_mirror(v) for v in value]
    if type(value) is dict:
        return {k: _to_mirror(v) for k, v in value.items()}
    return value


def _back(value: Any) -> Any:
    """A value from a pydantic mirror, with every mirrored model turned back into its record."""
    record = _RECORD_OF.get(type(value))
    if record is not None:
        return record._from_pydantic(value)
    if type(value) is list:
        return [_back(v) for v in value]
    if type(value) is dict:
        return {k: _back(v) for k, v in value.items()}
    return value
