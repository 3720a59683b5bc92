# syntax=docker/dockerfile:1
# The DSR service: gunicorn serving dsr_project.wsgi on port 8000.
#   docker build -t dsr-service .
# PIP_INDEX_URL may be passed as a build argument; pip's default index otherwise.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG PIP_INDEX_URL=""
ARG PIPENV_VERSION=2026.10.3
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIPENV_VENV_IN_PROJECT=1 \
    PIPENV_VERBOSITY=-1
WORKDIR /app
RUN pip install --no-cache-dir "pipenv==${PIPENV_VERSION}"
COPY Pipfile Pipfile.lock ./
# The Pipfile names its index as ${PIP_INDEX_URL}: pip's own default unless given.
RUN PIP_INDEX_URL="${PIP_INDEX_URL:-$(python -c 'from pip._internal.models.index import PyPI; print(PyPI.simple_url)')}" \
    && export PIP_INDEX_URL \
    && pipenv sync \
    && rm -rf /root/.cache

FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/app/.venv/bin:${PATH}" \
    DJANGO_DEBUG=0 \
    GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000 --workers=3 --timeout=120 --access-logfile=-"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY --chown=app:app . .
# Static files are collected at build time and served by whitenoise.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v0
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["gunicorn", "dsr_project.wsgi"]
