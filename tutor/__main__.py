"""Allow `python -m tutor`."""

from __future__ import annotations

from tutor.entry import main

main()
