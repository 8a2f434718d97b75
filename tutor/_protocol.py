"""Names shared by the runner (parent) and the check process (child).

Kept in a module with no imports so the CLI can use them without loading pytest or asyncio.
"""

from __future__ import annotations

LEARNER_DIR_ENV = "TUTOR_LEARNER_DIR"
EXERCISE_FILES_ENV = "TUTOR_EXERCISE_FILES"
RESULTS_ENV = "TUTOR_RESULTS_PATH"
BUDGET_ENV = "TUTOR_CHECK_BUDGET"
PRELOAD_ENV = "TUTOR_WARM_PRELOAD"
# A file in the check's scratch folder: folders a check made elsewhere, one per line, that the runner
# removes after the check even when it had to kill it (a PostgreSQL server's data when run as root).
CLEANUP_FILE = "cleanup.txt"
