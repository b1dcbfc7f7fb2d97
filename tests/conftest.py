# Shared fixtures live in tests/fixtures.py; the rules for optional tests (PostgreSQL, Chromium) and
# for CI's strict mode live in tests/requirements_plugin.py.
pytest_plugins = ["tests.fixtures", "tests.requirements_plugin"]
