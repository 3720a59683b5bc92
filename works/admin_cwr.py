"""What CWR files said: registrations with their parties, titles and
recordings, and societies' acknowledgements; read-only, like the works."""

from django.contrib import admin

from common.admin import ReadOnlyMixin
from works.models import (
    Acknowledgement,
    Registration,
    RegistrationParty,
    RegistrationRecording,
    RegistrationTitle,
)


class RegistrationInline(ReadOnlyMixin, admin.TabularInline):
    model = Registration
    fields = [
        "sender_name",
        "sender_id",
        "transaction_type",
        "submitter_work_id",
        "version",
    ]
    show_change_link = True
    extra = 0


class AcknowledgementInline(ReadOnlyMixin, admin.TabularInline):
    model = Acknowledgement
    fk_name = "work"
    fields = [
        "society",
        "transaction_type",
        "date",
        "status",
        "society_work_id",
        "iswc",
    ]
    extra = 0


class PartyInline(ReadOnlyMixin, admin.TabularInline):
    model = RegistrationParty
    fields = [
        "record_type",
        "last_name",
        "first_name",
        "ipi_name_number",
        "role",
        "controlled",
        "pr_share",
        "mr_share",
        "sr_share",
    ]
    extra = 0


class RegistrationTitleInline(ReadOnlyMixin, admin.TabularInline):
    model = RegistrationTitle
    fields = ["title", "title_type", "language"]
    extra = 0


class RecordingInline(ReadOnlyMixin, admin.TabularInline):
    model = RegistrationRecording
    fields = ["isrc", "isrc_valid", "title"]
    extra = 0


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "work",
        "sender_name",
        "submitter_work_id",
        "transaction_type",
    ]
    search_fields = ["=submitter_work_id", "sender_name", "=work__iswc"]
    raw_id_fields = ["work", "source_row"]
    inlines = [PartyInline, RegistrationTitleInline, RecordingInline]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "society", "date", "status", "submitter_work_id", "work"]
    list_filter = ["status", "transaction_type"]
    search_fields = ["=submitter_work_id", "=society_work_id", "=iswc", "society"]
    raw_id_fields = ["work", "work_import"]
