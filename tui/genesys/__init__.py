"""Genesys Cloud through the official SDK: settings, regions, OAuth, plan/deploy, export/import.

Importing this package is cheap: the SDK (slow to import) is loaded only when a session starts.
"""

from tui.genesys.sdk import install as _install_lazy_sdk

# Any later `import PureCloudPlatformClientV2` in this process loads its classes on first use.
_install_lazy_sdk()
