# The DSR service: gunicorn serving dsr_project.wsgi on $PORT (8000). The same
# image runs the Celery worker (celery -A dsr_project worker).
#   docker build -t dsr-service .            packages from pip's index
#   docker build --network none --build-arg PIP_NO_INDEX=1 -t dsr-service .
#                                            offline, from wheelhouse/ (docs/deploy.md)
# PIP_INDEX_URL may be passed as a build argument; pip's default index otherwise.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG PIP_INDEX_URL=""
ARG PIP_NO_INDEX=0
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_FIND_LINKS=/build/wheelhouse
WORKDIR /build
COPY Pipfile.lock docker/lock_requirements.py ./
COPY wheelhouse/ wheelhouse/
# Exactly the locked wheels, hashes checked; an empty PIP_INDEX_URL means pip's own.
RUN python lock_requirements.py Pipfile.lock >requirements.txt \
    && python -m venv /app/.venv \
    && if [ -z "${PIP_INDEX_URL}" ]; then unset PIP_INDEX_URL; fi \
    && /app/.venv/bin/pip install --require-hashes --only-binary=:all: \
        -r requirements.txt \
    && /app/.venv/bin/pip uninstall --yes --quiet pip setuptools

# The project's files without the build's inputs (lock, wheelhouse, helper).
FROM ${PYTHON_IMAGE} AS source
COPY . /src
RUN rm -rf /src/Pipfile.lock /src/wheelhouse /src/docker

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/app/.venv/bin:${PATH}" \
    DJANGO_DEBUG=0 \
    PORT=8000
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY --from=source /src /app
# Static files are collected at build time and served by whitenoise.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v0
# The code stays root's; the app user may write only /app itself (the default
# SQLite file and gunicorn's control socket in $HOME) and /app/media (uploads,
# job results; a volume mounted there starts with this owner).
RUN install -d -o app -g app /app/media && chown app:app /app
USER 10001:10001
EXPOSE 8000
# /health is answered whatever the Host header (dsr_project.health), so the
# probe works when DJANGO_ALLOWED_HOSTS names only the public host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ['PORT'], timeout=4)"]
# Threads, timeouts and the stall timeout: gunicorn.conf.py (GUNICORN_* variables).
CMD ["gunicorn", "dsr_project.wsgi"]
