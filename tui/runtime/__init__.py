"""The local Genesys runtime: Velocity, Jayway-compatible JSONPath and the execution pipeline.

Imports only :mod:`tui.model` (never Textual or the Genesys SDK).
"""
