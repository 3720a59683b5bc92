"""What the whole suite shares: database markers and the twin tests' settings.

A test that needs one database is marked ``postgresql`` or ``sqlite``; the
hook below skips it, saying why, on the other one (``DATABASE_URL`` picks
the database), so no test module checks the vendor itself.

A rule with a fast twin (a regular expression, SQL) has one property test,
in a ``test_<module>_twins.py`` beside the rule's tests, that runs both on
random inputs and on every relevant file in ``tests/data/``. Hypothesis
runs derandomized (the same inputs on every run) with no example database;
each twin test counts the inputs it ran in ``twin_inputs``, which the
terminal summary reports.
"""

from collections import Counter

import pytest
from django.db import connection
from hypothesis import HealthCheck, settings

DATABASE_MARKERS = ("postgresql", "sqlite")
TWIN_INPUTS = pytest.StashKey[Counter]()

# No deadline and no "too slow" check: both measure time, and a shared CI
# machine is slow at times; max_examples bounds each test instead.
settings.register_profile(
    "twins",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("twins")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[TWIN_INPUTS] = Counter()


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    vendor = connection.vendor
    for item in items:
        for name in DATABASE_MARKERS:
            if name != vendor and item.get_closest_marker(name) is not None:
                reason = f"runs on {name} only; DATABASE_URL names {vendor}"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def twin_inputs(pytestconfig: pytest.Config) -> Counter:
    """Inputs run per twin test (session-wide: Hypothesis reruns the body)."""
    return pytestconfig.stash[TWIN_INPUTS]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    counts = config.stash.get(TWIN_INPUTS, None)
    if counts:
        terminalreporter.section(f"twin inputs ({connection.vendor})")
        for name, count in sorted(counts.items()):
            terminalreporter.write_line(f"{count:>6}  {name}")
