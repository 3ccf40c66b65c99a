"""Genesys Cloud through the official SDK: settings, regions, OAuth, plan/deploy, export/import.

Importing this package is cheap: the SDK (slow to import) is loaded only when a session starts.
"""
