"""The project package; importing it loads the Celery app so @shared_task binds."""

from dsr_project.celery import app as celery_app

__all__ = ["celery_app"]
