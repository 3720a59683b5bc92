#!/usr/bin/env bash
# CI: the image built and run for real (docs/deploy.md, "Docker").
#   bash .ci/container.sh PG_SERVER_URL
# Checks the compose file; then, when a container engine answers or can be
# started, builds the base image if absent (mmdebstrap, from the machine's
# Debian archive) and the project image offline from a wheelhouse of
# Pipfile.lock, and runs it: non-root, migrate, import_dsrs data/, healthy with
# DJANGO_ALLOWED_HOSTS naming another host than 127.0.0.1, the smoke test
# (/dsrs/ with the 4 samples, static files), the SQLite default in a bare
# `docker run`, and the Celery worker against the machine's broker.
# Where no engine can be started it says so in one line and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_SERVER_URL="$1"
BROKER_URL="${CI_CELERY_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//}"
# Kept between runs on this machine, so the base image and layers are cached.
STATE=/var/lib/ci-docker
BASE_IMAGE=python:3.11-slim-bookworm
IMAGE=dsr-service:ci
SITE=dsr.ci.test
PG_PORT=8161
SQLITE_PORT=8162
RUN="dsr-ci-$$"
DB="dsr_container_$$"
DEV_FILES=".git .ci .env.example bench tests ci-artifacts Makefile Pipfile.lock wheelhouse docker"
SECRET="ci-$RANDOM$RANDOM$RANDOM$RANDOM$RANDOM$RANDOM"
WORK="$(mktemp -d)"
DOCKERD_PID=""
DB_CREATED=""
# The legacy builder: Debian's engine has no buildx, and BuildKit would fetch
# its frontend image, which needs a registry.
export DOCKER_BUILDKIT=0

py() { .venv/bin/python "$@"; }

say() { printf '%s\n' "$*"; }

check() {
    if eval "$2"; then
        say "ok   $1"
    else
        say "FAIL $1"
        return 1
    fi
}

pg_admin() {
    py - "$PG_SERVER_URL/postgres" "$1" <<'PY'
import sys, psycopg2
connection = psycopg2.connect(sys.argv[1], connect_timeout=5)
connection.autocommit = True
connection.cursor().execute(sys.argv[2])
PY
}

cleanup() {
    status=$?
    if docker version >/dev/null 2>&1; then
        docker ps -aq --filter "name=^$RUN-" | xargs -r docker rm -f >/dev/null
        # Replaced images go after a week; younger ones are the build cache.
        docker image prune -f --filter until=168h >/dev/null 2>&1 || true
    fi
    [ -n "$DB_CREATED" ] && pg_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    if [ -n "$DOCKERD_PID" ]; then
        kill "$DOCKERD_PID" 2>/dev/null || true
        wait "$DOCKERD_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT

apt_install() {
    apt-get update -qq >>"$WORK/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$WORK/apt.log" 2>&1
}

# --- the compose file (needs no engine) ---------------------------------------
compose_check() {
    command -v docker-compose >/dev/null || apt_install docker-compose
    local celery=""
    [ -f dsr_project/celery.py ] && celery=1
    # A password that does not parse inside a URL, and no .env: compose must
    # pass it apart from DATABASE_URL, and only to the services that use it.
    : >"$WORK/empty.env"
    POSTGRES_PASSWORD='p@ss/w#rd' DJANGO_SECRET_KEY=compose-check \
        docker-compose --env-file "$WORK/empty.env" -f docker-compose.yml config \
        >"$WORK/compose.yml"
    py - "$WORK/compose.yml" "$celery" <<'PY'
import sys
import yaml

services = yaml.safe_load(open(sys.argv[1]))["services"]
expected = {"db", "migrate", "web", "import"}
if sys.argv[2]:
    expected |= {"worker", "rabbitmq"}
missing = expected - services.keys()
assert not missing, f"docker-compose.yml: no service {sorted(missing)}"
for name, service in services.items():
    environment = service.get("environment", {})
    if name != "db":
        assert "POSTGRES_PASSWORD" not in environment, f"{name} gets POSTGRES_PASSWORD"
    if "DATABASE_URL" in environment:
        assert "p@ss" not in environment["DATABASE_URL"], f"{name}: password in URL"
        assert environment.get("PGPASSWORD") == "p@ss/w#rd", f"{name}: PGPASSWORD"
    if "build" in service:
        assert "PIP_INDEX_URL" in service["build"].get("args", {}), name
print(f"ok   compose config: services {', '.join(sorted(services))}")
PY
}

# --- the engine ---------------------------------------------------------------
engine_start() {
    docker version >/dev/null 2>&1 && return 0
    export DOCKER_HOST="unix://$STATE/docker.sock"
    docker version >/dev/null 2>&1 && return 0
    command -v dockerd >/dev/null || apt_install docker.io || return 1
    mkdir -p "$STATE/data" "$STATE/exec"
    dockerd --data-root "$STATE/data" --exec-root "$STATE/exec" \
        -H "$DOCKER_HOST" --pidfile "$STATE/docker.pid" \
        >"$STATE/dockerd.log" 2>&1 9>&- &
    DOCKERD_PID=$!
    for _ in $(seq 60); do
        docker version >/dev/null 2>&1 && return 0
        kill -0 "$DOCKERD_PID" 2>/dev/null || return 1
        sleep 0.5
    done
    return 1
}

# The official image is not reachable here: Debian's own Python 3.11 in a
# minimal bookworm, with the machine's archive and without docs or man pages.
base_build() {
    command -v mmdebstrap >/dev/null || apt_install mmdebstrap
    local sources=()
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] && sources+=("$file")
    done
    mmdebstrap --quiet --variant=minbase \
        --include=python3,python3-venv,python-is-python3,ca-certificates \
        --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        bookworm - "${sources[@]}" </dev/null |
        docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["python3"]' \
            - "$BASE_IMAGE" >/dev/null
}

# Pipfile.lock's wheels, hashes checked, for a build without network.
wheelhouse_fill() {
    py docker/lock_requirements.py Pipfile.lock >"$WORK/requirements.txt"
    py -m pip download --quiet --only-binary=:all: --require-hashes \
        -r "$WORK/requirements.txt" -d wheelhouse >"$WORK/pip.log" 2>&1 ||
        { cat "$WORK/pip.log"; return 1; }
}

image_build() {
    local start=$SECONDS
    docker build --quiet --network none --build-arg PIP_NO_INDEX=1 \
        -t "$IMAGE" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; return 1; }
    say "ok   image built offline in $((SECONDS - start)) s:" \
        "$(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"
}

http_status() {
    py - "$1" <<'PY'
import sys, urllib.error, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=10).status)
except urllib.error.HTTPError as error:
    print(error.code)
PY
}

wait_healthy() {
    local status=""
    for _ in $(seq 90); do
        status="$(docker inspect -f '{{.State.Health.Status}}' "$1")"
        [ "$status" = healthy ] && return 0
        [ "$(docker inspect -f '{{.State.Running}}' "$1")" = true ] || break
        sleep 1
    done
    say "$1 is $status:"
    docker logs --tail 30 "$1" 2>&1
    return 1
}

# The compose services' steps, one container each, on the machine's PostgreSQL
# (host network: it listens on 127.0.0.1 only).
postgres_run() {
    pg_admin "CREATE DATABASE $DB"
    DB_CREATED=1
    local env=(-e "DJANGO_SECRET_KEY=$SECRET" -e "DJANGO_ALLOWED_HOSTS=$SITE"
        -e "DATABASE_URL=$PG_SERVER_URL/$DB")
    check "runs as a non-root user" \
        '[ "$(docker run --rm "$IMAGE" id -u)" = 10001 ]'
    check "no development, CI or build files in /app" \
        'docker run --rm "$IMAGE" sh -c "cd /app && for f in $DEV_FILES; do
             [ ! -e \$f ] || { echo /app/\$f is there; exit 1; }; done"'
    docker run --rm --network host "${env[@]}" "$IMAGE" \
        python manage.py migrate --no-input -v0
    say "ok   migrate"
    docker run --rm --network host "${env[@]}" "$IMAGE" \
        python manage.py import_dsrs data/ >"$WORK/import.log" 2>&1 ||
        { cat "$WORK/import.log"; return 1; }
    say "ok   import_dsrs data/"
    docker run -d --name "$RUN-web" --network host "${env[@]}" -e "PORT=$PG_PORT" \
        -e "GUNICORN_CMD_ARGS=--bind=127.0.0.1:$PG_PORT --workers=2" \
        --health-interval 2s "$IMAGE" >/dev/null
    wait_healthy "$RUN-web"
    say "ok   healthy with DJANGO_ALLOWED_HOSTS=$SITE"
    check "Host 127.0.0.1: /health 200, /dsrs/ still refused (400)" \
        '[ "$(http_status "http://127.0.0.1:$PG_PORT/health")" = 200 ] &&
         [ "$(http_status "http://127.0.0.1:$PG_PORT/dsrs/")" = 400 ]'
    py .ci/smoke.py "http://127.0.0.1:$PG_PORT" "$SITE"
    check "gunicorn runs as the app user, writes no 'Permission denied'" \
        '[ "$(docker exec "$RUN-web" id -un)" = app ] &&
         [[ "$(docker logs "$RUN-web" 2>&1)" != *"Permission denied"* ]]'
}

# docs/deploy.md's bare `docker run`: SQLite in the container, port published.
sqlite_run() {
    docker run -d --name "$RUN-sqlite" -p "127.0.0.1:$SQLITE_PORT:8000" \
        -e "DJANGO_SECRET_KEY=$SECRET" --health-interval 2s "$IMAGE" >/dev/null
    docker exec "$RUN-sqlite" python manage.py migrate --no-input -v0
    docker exec "$RUN-sqlite" python manage.py import_dsrs data/ >/dev/null
    wait_healthy "$RUN-sqlite"
    say "ok   bare docker run: SQLite migrated, imported, healthy"
    py .ci/smoke.py "http://127.0.0.1:$SQLITE_PORT"
}

# The worker image against the machine's broker, on a queue of its own so it
# takes no one else's tasks.
worker_run() {
    if [ ! -f dsr_project/celery.py ]; then
        say "--   no dsr_project/celery.py: no worker to start"
        return 0
    fi
    local env=(-e "DJANGO_SECRET_KEY=$SECRET" -e "DATABASE_URL=$PG_SERVER_URL/$DB"
        -e "CELERY_BROKER_URL=$BROKER_URL" -e "CELERY_TASK_DEFAULT_QUEUE=$RUN")
    docker run -d --name "$RUN-worker" --network host "${env[@]}" \
        "$IMAGE" celery -A dsr_project worker --concurrency 1 -n "$RUN@ci" >/dev/null
    local answer
    for _ in $(seq 30); do
        answer="$(docker exec "$RUN-worker" celery -A dsr_project inspect ping \
            -d "$RUN@ci" -t 2 2>&1 || true)"
        if [[ "$answer" == *pong* ]]; then
            say "ok   celery worker answers ping on the machine's broker"
            # The queue outlives the worker (durable): remove it from the broker.
            docker rm -f "$RUN-worker" >/dev/null
            docker run --rm --network host "${env[@]}" "$IMAGE" \
                celery -A dsr_project amqp queue.delete "$RUN" >/dev/null
            return 0
        fi
        sleep 1
    done
    say "FAIL celery worker did not answer: $answer"
    docker logs --tail 30 "$RUN-worker" 2>&1
    return 1
}

compose_check
# One run at a time uses the engine under $STATE (its ports, its image tag, and
# each run stops the daemon it started).
mkdir -p "$STATE"
exec 9>"$STATE/lock"
if ! flock -n 9; then
    say "--   waiting for another run's container checks ($STATE/lock)"
    flock -w 1200 9
fi
if ! engine_start; then
    say "container: no engine could be started ($STATE/dockerd.log); image not built or run"
    exit 0
fi
# Containers of a run that was killed before its cleanup.
docker ps -aq --filter "name=^dsr-ci-" | xargs -r docker rm -f >/dev/null
start=$SECONDS
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    base_build
    say "ok   base $BASE_IMAGE built with mmdebstrap in $((SECONDS - start)) s"
fi
wheelhouse_fill
image_build
postgres_run
sqlite_run
worker_run
say "ok   container checks in $((SECONDS - start)) s"
