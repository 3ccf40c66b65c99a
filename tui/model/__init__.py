"""The Data Action model: wire shapes, the friendly spec, formats and static validation.

This room imports only the standard library, pydantic, yaml and jsonschema.
"""
