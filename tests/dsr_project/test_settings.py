"""Settings from the environment: fail fast without a secret, bad values named;
.env.example loads as compose passes it and lists every variable the code reads."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The readers of dsr_project.env, the one module that touches os.environ.
ENV_READERS = {"env_bool", "env_int", "env_list", "env_path", "env_str"}
# Not application code: tests and benchmarks set their own variables.
NOT_SCANNED = {".git", ".tools", ".venv", "bench", "tests", "wheelhouse"}

SHOW_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'hsts': s.SECURE_HSTS_SECONDS, 'conn_max_age': s.DATABASES['default']"
    "['CONN_MAX_AGE'], 'engine': s.DATABASES['default']['ENGINE'], "
    "'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG}))"
)


def env_example() -> dict[str, str]:
    """The variables of .env.example, read as docker compose reads an env_file."""
    variables = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value
    return variables


def manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    """Run manage.py with .env.example (plus overrides) as the only settings."""
    env_names = env_example().keys() | overrides.keys()
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name not in env_names
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env_example(), **overrides},
        capture_output=True,
        text=True,
    )


def manage_bare(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py with only the given DJANGO_* variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


def test_env_example_leaves_variables_empty():
    variables = env_example()
    assert variables["DJANGO_SECURE_HSTS_SECONDS"] == ""
    assert variables["DJANGO_SECRET_KEY"] == ""


def test_env_example_as_is_asks_for_the_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr
    assert "ValueError" not in result.stderr


def test_env_example_with_a_secret_key_loads_with_the_defaults():
    result = manage("shell", "-c", SHOW_SETTINGS, DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "hsts": 31536000,
        "conn_max_age": 60,
        "engine": "django.db.backends.sqlite3",
        "hosts": ["localhost", "127.0.0.1"],
        "debug": False,
    }


def test_empty_values_mean_the_defaults():
    result = manage(
        "shell",
        "-c",
        SHOW_SETTINGS,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="",
        DJANGO_CONN_MAX_AGE="",
        DJANGO_DEBUG="",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert (shown["hosts"], shown["conn_max_age"], shown["debug"]) == (
        ["localhost", "127.0.0.1", "[::1]"],
        60,
        False,
    )


def test_a_bad_number_is_named():
    result = manage(
        "check", DJANGO_SECRET_KEY="x" * 50, DJANGO_SECURE_HSTS_SECONDS="1y"
    )
    assert result.returncode != 0
    assert "DJANGO_SECURE_HSTS_SECONDS='1y': expected a whole number" in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = manage_bare("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off" in result.stderr


def test_debug_is_off_by_default():
    result = manage_bare("check", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    code = "from django.conf import settings; print(settings.DEBUG)"
    shell = manage_bare("shell", "-c", code, DJANGO_SECRET_KEY="x" * 50)
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip().splitlines()[-1] == "False"


def test_bad_boolean_is_named():
    result = manage_bare("check", DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG='maybe': expected true/false" in result.stderr


def application_modules() -> list[Path]:
    """Every Python file of the application, tests and benchmarks aside."""
    return [
        path
        for top in ROOT.iterdir()
        if top.name not in NOT_SCANNED
        for path in ([top] if top.suffix == ".py" else top.rglob("*.py"))
    ]


def environment_reads(path: Path) -> tuple[set[str], bool]:
    """The variables a module reads through the env_* helpers, and whether
    it reads os.environ itself (``setdefault`` of the settings module aside)."""
    names, direct = set(), False
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            source = ast.unparse(node.func)
            called = source.rsplit(".", 1)[-1]
            if called in ENV_READERS and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
            direct |= source in {"os.environ.get", "os.getenv", "getenv"}
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            direct |= ast.unparse(node.value) == "os.environ"
    return names, direct


def test_every_variable_the_code_reads_is_in_env_example():
    read = set()
    for path in application_modules():
        read |= environment_reads(path)[0]
    assert {"DSRS_IMPORT_CAST_IN_SQL", "DSRS_PERCENTILE_JSON_IN_SQL"} <= read
    assert sorted(read - env_example().keys()) == []


def test_only_the_env_helpers_read_os_environ():
    direct = {
        str(path.relative_to(ROOT))
        for path in application_modules()
        if environment_reads(path)[1]
    }
    assert direct == {"dsr_project/env.py"}
