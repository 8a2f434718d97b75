"""A Django test runner that also writes what each test did to a JSON file, for a check to read back.

Used by `checkkit.run_learner_tests` as `manage.py test --testrunner tutor._django_test_runner.RecordingRunner`
in a child process; the learner's own `python manage.py test` keeps Django's default runner.
"""

from __future__ import annotations

import json
import os
import unittest
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.test.runner import DiscoverRunner

from tutor.i18n import _

LEARNER_TEST_RESULTS_ENV = "TUTOR_LEARNER_TEST_RESULTS"


class RecordingRunner(DiscoverRunner):  # type: ignore[misc]  # Django ships no type hints
    """Django's runner, recording every test's id and, for each failure or error, its traceback."""

    def run_suite(self, suite: unittest.TestSuite, **kwargs: Any) -> unittest.TestResult:
        result = super().run_suite(suite, **kwargs)
        failed = {_test_id(test): trace for test, trace in [*result.failures, *result.errors]}
        for test in result.unexpectedSuccesses:
            failed[_test_id(test)] = _("unexpected success: the test is marked @expectedFailure but passed")
        document = {
            "ran": [_test_id(test) for test in _tests(suite)],
            "failed": failed,
            "skipped": [_test_id(test) for test, _reason in result.skipped],
        }
        target = os.environ.get(LEARNER_TEST_RESULTS_ENV)
        if target:
            Path(target).write_text(json.dumps(document), encoding="utf-8")
        return result  # type: ignore[no-any-return]


def _tests(suite: unittest.TestSuite) -> Iterator[unittest.TestCase]:
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from _tests(item)
        else:
            yield item


def _test_id(test: Any) -> str:
    return str(test.id()) if hasattr(test, "id") else str(test)
