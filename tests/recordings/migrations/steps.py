"""Run migrations to a point and hand back the models as they were there."""

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate to ``targets`` (forwards or back); the models of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> Apps:
    """Every app to its last migration, as the other tests expect."""
    executor = MigrationExecutor(connection)
    return migrate(executor.loader.graph.leaf_nodes())
