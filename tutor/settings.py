"""Workspace settings, changed with `tutor config`: for now, the language of the course.

They live in `.tutor/config.json` next to the progress, and belong to the workspace: another
workspace (or another machine) keeps its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor._fs import write_atomic

SETTINGS_FILE = "config.json"
LANGUAGE_KEY = "lang"


def settings_path(state_dir: Path) -> Path:
    return state_dir / SETTINGS_FILE


def load_settings(state_dir: Path) -> dict[str, str]:
    """The workspace's settings; a missing or damaged file reads as no settings (defaults apply)."""
    try:
        data = json.loads(settings_path(state_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save_setting(state_dir: Path, key: str, value: str | None) -> None:
    """Set `key` to `value`, or remove it when `value` is None."""
    settings = load_settings(state_dir)
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    write_atomic(settings_path(state_dir), (json.dumps(settings, indent=2, sort_keys=True) + "\n").encode())


def language_setting(start: Path | None = None) -> str | None:
    """The language chosen with `tutor config lang` in the workspace around `start`, if any."""
    from tutor.workspace import Workspace

    workspace = Workspace.find(start)
    return load_settings(workspace.state_dir).get(LANGUAGE_KEY) if workspace else None
