"""pytest plugin for `bash scripts/test.sh --quick`: leaves out every test that drives Chromium.

Loaded with ``-p tests.no_browser``. A test drives Chromium exactly when its fixtures include
``browser`` (tests/conftest.py), directly or through another fixture such as ``page``.
"""

from __future__ import annotations

import pytest

BROWSER_FIXTURE = "browser"
_DROPPED = pytest.StashKey[int]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    kept, dropped = [], []
    for item in items:
        uses_browser = BROWSER_FIXTURE in getattr(item, "fixturenames", ())
        (dropped if uses_browser else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config.stash[_DROPPED] = len(dropped)


def pytest_report_header(config: pytest.Config) -> str:
    return "--quick: bỏ qua các kiểm thử chạy trên trình duyệt Chromium"


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    dropped = config.stash.get(_DROPPED, 0)
    terminalreporter.write_line(
        f"--quick: đã bỏ qua {dropped} kiểm thử trình duyệt; "
        "chạy đủ bằng lệnh: bash scripts/test.sh"
    )
