"""The Data Action model: wire shapes, the friendly spec, formats and static validation.

This room imports only the standard library, yaml, jsonschema, and pydantic where a record
explains a refused value (tui.model.records).
"""
