"""The Textual wizard. `run_app` is all the CLI imports; Textual loads only when it is called."""

from __future__ import annotations

import sys


def run_app(spec_path: str | None = None, resume: bool = True) -> int:
    """Open the wizard (on `spec_path` when given, else offering to resume the draft)."""
    from tui.app import collector

    collector.hold()  # until the first frame is painted (WizardApp.after_first_paint)
    try:
        from tui.app.wizard import build_app

        app = build_app(spec_path, resume)
        if isinstance(app, str):
            print(app, file=sys.stderr)
            return 1
        result = app.run()
    finally:
        collector.release()
    return result if isinstance(result, int) else 0
