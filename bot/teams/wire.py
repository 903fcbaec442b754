"""botbuilder's models to and from JSON, exactly as msrest does it, at a fraction of the cost.

msrest's `Model.serialize()` and `Model.deserialize()` build a (de)serializer with every
model class of the module and walk each attribute through several layers of generic
dispatch: about a third of the CPU of a question turn went there (the incoming activity,
the outgoing activities and the conversation reference). `serialize` and `deserialize`
walk the same attribute maps directly. They cover what botbuilder's schema uses (strings
and enums, numbers, booleans, ISO-8601 dates, plain JSON objects, lists, dicts and nested
models); for anything else, or any error, they hand the whole model to msrest, so the
result, or the error, is always msrest's own.
"""

from __future__ import annotations

import sys
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

import botbuilder.schema as schema
import botbuilder.schema.teams as teams_schema
from msrest.serialization import Deserializer, Model, Serializer

_EXACT = {"str": str, "bool": bool, "int": int, "long": int, "float": float}
# msrest's own type names besides the exact ones (serialize_type in msrest/serialization.py)
_MSREST_TYPES = frozenset(
    "iso-8601 rfc-1123 unix-time duration date time decimal bytearray base64 object".split()
)
_ENUM_NAMES = frozenset(
    name
    for module in (schema, teams_schema)
    for name, value in vars(module).items()
    if isinstance(value, type) and issubclass(value, Enum)
)


class _Unusual(Exception):
    """Something msrest must handle itself."""


def serialize(model: Any) -> dict[str, Any]:
    """`model.serialize()`: the same JSON, fresh (the caller may change it)."""
    try:
        return _model(model)
    except Exception:  # _Unusual, or an error msrest reports in its own words
        body: dict[str, Any] = model.serialize()
        return body


@cache
def _fields(cls: Any) -> tuple[tuple[str, str, str], ...] | None:
    """(attribute, JSON key, msrest type) of each attribute msrest writes; None when the
    class uses what this module leaves to msrest (XML, flattened or additional keys)."""
    if hasattr(cls, "_xml_map"):
        return None
    validation = getattr(cls, "_validation", {})
    fields = []
    for attribute, description in cls._attribute_map.items():
        key = description["key"]
        if not key or "." in key or "\\" in key:
            return None
        if validation.get(attribute, {}).get("readonly"):
            continue  # msrest leaves read-only attributes out
        fields.append((attribute, key, description["type"]))
    return tuple(fields)


def _model(model: Any) -> dict[str, Any]:
    fields = _fields(model.__class__)
    if fields is None:
        raise _Unusual(type(model).__name__)
    body: dict[str, Any] = {}
    for attribute, key, kind in fields:
        value = getattr(model, attribute)
        if value is not None and key not in body:
            body[key] = _value(value, kind)
    return body


def _value(value: Any, kind: str) -> Any:
    exact = _EXACT.get(kind)
    if exact is not None:
        if type(value) is exact:
            return value
        if kind == "str" and isinstance(value, Enum):
            return value.value
        raise _Unusual(kind)
    if kind == "object":
        return _object(value)
    if kind == "iso-8601" and type(value) is datetime:
        return Serializer.serialize_iso(value)  # type: ignore[no-untyped-call]
    if kind.startswith("[") and type(value) is list:
        return [None if item is None else _value(item, kind[1:-1]) for item in value]
    if kind.startswith("{") and type(value) is dict and all(type(k) is str for k in value):
        return {k: None if item is None else _value(item, kind[1:-1]) for k, item in value.items()}
    if kind not in _MSREST_TYPES and kind not in _ENUM_NAMES and isinstance(value, Model):
        return _model(value)
    raise _Unusual(kind)


def _object(value: Any, *, write: bool = True) -> Any:
    """A value of msrest type `object`: plain JSON is copied as it is; models inside are
    written as models when writing (msrest refuses them when reading)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is float or kind is bool:
        return value
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise _Unusual("object key")
        return {key: _object(item, write=write) for key, item in value.items()}
    if kind is list:
        return [_object(item, write=write) for item in value]
    if write and isinstance(value, Model):
        return _model(value)
    raise _Unusual(kind.__name__)


def deserialize(cls: Any, data: Any) -> Any:
    """`cls.deserialize(data)` for a model class of botbuilder's schema."""
    try:
        models = vars(sys.modules[cls.__module__.rsplit(".", 1)[0]])  # as msrest finds them
        if models.get(cls.__name__) is not cls:
            raise _Unusual(cls.__name__)
        return _read_model(cls, data, models)
    except Exception:  # _Unusual, or an error msrest reports as a DeserializationError
        return cls.deserialize(data)


@cache
def _read_fields(cls: Any) -> tuple[tuple[str, str, str], ...] | None:
    """(attribute, JSON key, msrest type) of every attribute msrest reads; None when the
    class uses what this module leaves to msrest."""
    validation = getattr(cls, "_validation", {})
    if cls.__dict__.get("_subtype_map") or any(
        rule.get("readonly") or rule.get("constant") for rule in validation.values()
    ):
        return None
    fields = []
    for attribute, description in cls._attribute_map.items():
        key = description["key"]
        if not key or "." in key or "\\" in key:
            return None
        fields.append((attribute, key, description["type"]))
    return tuple(fields)


def _read_model(cls: Any, data: Any, models: dict[str, Any]) -> Any:
    fields = _read_fields(cls)
    if fields is None or type(data) is not dict:
        raise _Unusual(cls.__name__)
    values = {}
    for attribute, key, kind in fields:
        raw = data.get(key)
        values[attribute] = None if raw is None else _read(raw, kind, models)
    model = cls(**values)
    known = {key for _, key, _ in fields}
    unknown = {key: value for key, value in data.items() if key not in known}
    if unknown:  # msrest keeps what the model does not know
        model.additional_properties = unknown
    return model


def _read(raw: Any, kind: str, models: dict[str, Any]) -> Any:
    exact = _EXACT.get(kind)
    if exact is not None:
        if type(raw) is exact:
            return raw
        raise _Unusual(kind)
    if kind == "object":
        return _object(raw, write=False)
    if kind == "iso-8601":
        return Deserializer.deserialize_iso(raw)  # type: ignore[no-untyped-call]
    if kind.startswith("[") and type(raw) is list:
        return [None if item is None else _read(item, kind[1:-1], models) for item in raw]
    if kind.startswith("{") and type(raw) is dict:
        return {
            k: None if item is None else _read(item, kind[1:-1], models) for k, item in raw.items()
        }
    model = models.get(kind)
    if kind in _MSREST_TYPES or not isinstance(model, type) or not issubclass(model, Model):
        raise _Unusual(kind)
    return _read_model(model, raw, models)
