"""JSON shapes of the play-count job API."""

from rest_framework import serializers

from common.ingest.status import ImportStatus as Status
from common.ingest.status import status_choices
from plays.models import JOB_STATUSES


class PlayCountJobUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV with the header Song,Date,Number of Plays."
    )


class PlayCountJobQueuedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=status_choices(*JOB_STATUSES))
    url = serializers.URLField(help_text="Where to follow the job.")


class PlayCountJobDuplicateSerializer(serializers.Serializer):
    detail = serializers.CharField()
    id = serializers.IntegerField(help_text="The earlier job with the same content.")


class PlayCountJobLimitSerializer(serializers.Serializer):
    detail = serializers.CharField()
    limit = serializers.ChoiceField(
        choices=["PLAYS_USER_MAX_ACTIVE_JOBS", "PLAYS_USER_QUOTA_BYTES"],
        help_text="The setting whose limit the upload would pass.",
    )


class PlayCountJobRunningSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[Status.QUEUED, Status.RUNNING])
    rows_done = serializers.IntegerField(
        help_text="Rows validated so far, estimated from the bytes read."
    )


class PlayCountJobFailedSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[Status.FAILED])
    error = serializers.CharField(help_text="The line, column and value at fault.")


class PlayCountJobDoneSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[Status.DONE])
    rows_in = serializers.IntegerField()
    rows_out = serializers.IntegerField()
    result = serializers.URLField(help_text="The daily totals as CSV.")
