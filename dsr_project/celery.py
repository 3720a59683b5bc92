"""The Celery app, configured from Django's settings (the CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dsr_project.settings")

app = Celery("dsr_project")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
