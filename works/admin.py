"""Works with their evidence, and the review queue where staff merge or dismiss.

Works, titles, contributors and source rows come from files (import_works)
and change only through ``work_merge``; nothing here edits them by form.
"""

from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from common.admin import ReadOnlyMixin
from common.identifiers import iswc_normalise
from recordings.selectors import Filters, work_revenue
from works.admin_cwr import AcknowledgementInline, RegistrationInline
from works.models import Contributor, ReviewItem, SourceRow, Work, WorkImport, WorkTitle
from works.reconciliation import Outcome, ReviewKind
from works.services import WorkMergeError, review_dismiss, work_merge

REVIEW_KIND_LABELS = {
    ReviewKind.CONFLICT: "conflict: the ISWC's work has another title",
    ReviewKind.AMBIGUOUS: "ambiguous: several works could be the row's",
    ReviewKind.INVALID_ISWC: "invalid ISWC (shape or check digit)",
    ReviewKind.SHARES: "CWR shares over 100 % for a right",
    ReviewKind.ACK_ISWC: "a society acknowledged another ISWC",
}
OUTCOME_LABELS = {
    Outcome.CREATED: "created a work",
    Outcome.ISWC_MATCH: "matched by ISWC",
    Outcome.TITLE_MATCH: "matched by title and contributor",
    Outcome.CONFLICT: "conflict, sent to review",
    Outcome.REJECTED: "rejected",
}
MERGED = "Merged work #{merge_id} into #{keep_id}: {rows} source rows moved."
DISMISSED = "Dismissed {count} review item(s)."


class TitleInline(ReadOnlyMixin, admin.TabularInline):
    model = WorkTitle
    fields = ["title", "normal_form"]
    extra = 0


class ContributorInline(ReadOnlyMixin, admin.TabularInline):
    model = Contributor
    fields = ["name", "name_key"]
    extra = 0


class OutcomeLabelMixin:
    @admin.display(description="outcome", ordering="outcome")
    def outcome_label(self, row: SourceRow) -> str:
        return OUTCOME_LABELS.get(row.outcome, row.outcome)


class SourceRowInline(OutcomeLabelMixin, ReadOnlyMixin, admin.TabularInline):
    model = SourceRow
    fields = [
        "source",
        "provider_id",
        "work_import",
        "line",
        "raw_title",
        "raw_contributors",
        "raw_iswc",
        "outcome_label",
    ]
    readonly_fields = fields
    extra = 0


class LabelledChoicesFilter(admin.SimpleListFilter):
    """A field's stored codes offered under words people read."""

    labels: dict[str, str] = {}

    def lookups(self, request, model_admin):
        return list(self.labels.items())

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(**{self.parameter_name: self.value()})


class ReviewKindFilter(LabelledChoicesFilter):
    title = "kind"
    parameter_name = "kind"
    labels = REVIEW_KIND_LABELS


class OutcomeFilter(LabelledChoicesFilter):
    title = "outcome"
    parameter_name = "outcome"
    labels = OUTCOME_LABELS


@admin.register(Work)
class WorkAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["iswc", "title", "contributor_names", "id"]
    search_fields = ["=iswc", "titles__normal_form", "title", "contributors__name"]
    fields = ["iswc", "title", "revenue"]
    readonly_fields = ["revenue"]
    inlines = [
        TitleInline,
        ContributorInline,
        SourceRowInline,
        RegistrationInline,
        AcknowledgementInline,
    ]

    @admin.display(description="recordings and EUR revenue")
    def revenue(self, obj: Work) -> str:
        return work_revenue_chart(iswc=obj.iswc) if obj.iswc else "-"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("contributors")

    @admin.display(description="contributors")
    def contributor_names(self, work: Work) -> str:
        return ", ".join(sorted(c.name for c in work.contributors.all()))

    def get_search_results(self, request, queryset, search_term):
        """An ISWC finds its work in any spelling (T-920.464.955-8)."""
        iswc, valid = iswc_normalise(value=search_term)
        if valid:
            return queryset.filter(iswc=iswc), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(WorkImport)
class WorkImportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "file_name",
        "status",
        "rows_read",
        "works_created",
        "rows_merged",
        "conflicts",
        "rows_rejected",
        "rows_known",
        "reviews",
        "started_at",
    ]
    list_filter = ["status"]
    search_fields = ["path", "=sha256"]

    @admin.display(description="file", ordering="path")
    def file_name(self, work_import: WorkImport) -> str:
        # The folder is on the import's page; the list has ten more columns.
        return format_html(
            '<span title="{}">{}</span>',
            work_import.path,
            PurePath(work_import.path).name,
        )


@admin.register(SourceRow)
class SourceRowAdmin(OutcomeLabelMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "source", "provider_id", "line", "raw_title", "outcome_label"]
    list_filter = [OutcomeFilter]
    list_select_related = ["work"]
    search_fields = ["=provider_id", "raw_title", "=raw_iswc"]
    raw_id_fields = ["work", "work_import"]


class MergeForm(forms.Form):
    other = forms.IntegerField(
        label="other work id", min_value=1, help_text="The work to merge with."
    )
    keep = forms.ChoiceField(
        choices=[("this", "keep this item's work"), ("other", "keep the other work")],
        widget=forms.RadioSelect,
        initial="this",
    )


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind_label",
        "status",
        "work_link",
        "candidate_links",
        "detail",
    ]
    list_filter = ["status", ReviewKindFilter]
    list_select_related = ["work"]
    search_fields = ["detail", "=work__iswc", "work__title"]
    actions = ["dismiss"]
    fields = [
        "kind_label",
        "status",
        "work_link",
        "candidate_links",
        "detail",
        "source_row_values",
        "created_at",
        ("resolved_at", "resolved_by"),
        "merge_link",
    ]
    readonly_fields = [
        "kind_label",
        "status",
        "work_link",
        "candidate_links",
        "detail",
        "source_row_values",
        "created_at",
        "resolved_at",
        "resolved_by",
        "merge_link",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        merge = path(
            "<int:review_id>/merge/",
            self.admin_site.admin_view(self.merge_view),
            name="works_reviewitem_merge",
        )
        return [merge, *super().get_urls()]

    @admin.display(description="kind", ordering="kind")
    def kind_label(self, item: ReviewItem) -> str:
        return REVIEW_KIND_LABELS.get(item.kind, item.kind)

    @admin.display(description="work", ordering="work")
    def work_link(self, item: ReviewItem) -> str:
        return _work_link(item.work_id, str(item.work))

    @admin.display(description="candidates")
    def candidate_links(self, item: ReviewItem) -> str:
        return format_html_join(
            ", ", "{}", ((_work_link(i, f"#{i}"),) for i in item.candidates)
        )

    @admin.display(description="source row")
    def source_row_values(self, item: ReviewItem) -> str:
        row = item.source_row
        if row is None:
            return "-"
        return format_html(
            "{} line {} (id {!r}): title {!r}, contributors {!r}, ISWC {!r}",
            row.source,
            row.line,
            row.provider_id,
            row.raw_title,
            row.raw_contributors,
            row.raw_iswc,
        )

    @admin.display(description="resolve")
    def merge_link(self, item: ReviewItem) -> str:
        if item.status != ReviewItem.Status.OPEN:
            return "-"
        url = reverse("admin:works_reviewitem_merge", args=[item.pk])
        return format_html('<a class="button" href="{}">Merge two works…</a>', url)

    @admin.action(description="Dismiss selected review items", permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset):
        count = review_dismiss(
            review_ids=list(queryset.values_list("pk", flat=True)),
            user_id=request.user.pk,
        )
        self.message_user(request, DISMISSED.format(count=count), messages.SUCCESS)

    def merge_view(self, request: HttpRequest, review_id: int):
        if not self.has_change_permission(request):
            raise PermissionDenied
        # A resolved item is not merged again: its URL is gone with it.
        item = get_object_or_404(
            ReviewItem.objects.select_related("work"),
            pk=review_id,
            status=ReviewItem.Status.OPEN,
        )
        initial = {"other": item.candidates[0]} if item.candidates else {}
        form = MergeForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            this, other = item.work_id, form.cleaned_data["other"]
            keep, merge = (
                (this, other) if form.cleaned_data["keep"] == "this" else (other, this)
            )
            try:
                result = work_merge(
                    keep_id=keep,
                    merge_id=merge,
                    user_id=request.user.pk,
                    review_id=item.pk,
                )
            except WorkMergeError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    MERGED.format(merge_id=merge, keep_id=keep, rows=result.rows),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:works_work_change", args=[keep])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge two works for review item #{item.pk}",
            "opts": self.opts,
            "item": item,
            "form": form,
        }
        return TemplateResponse(request, "admin/works/reviewitem/merge.html", context)


def _work_link(work_id: int, label: str) -> str:
    return format_html(
        '<a href="{}">{}</a>', reverse("admin:works_work_change", args=[work_id]), label
    )


def work_revenue_chart(*, iswc: str) -> str:
    """A work's recordings and EUR revenue by month and territory as bars
    (HTML, no JavaScript), read through ``recordings.selectors``."""
    answer = work_revenue(iswc=iswc, filters=Filters())
    if not answer or not answer["by_territory_month"]:
        return "-"
    cells = answer["by_territory_month"]
    top = max(float(c["revenue_eur"]) for c in cells) or 1.0
    return format_html(
        "<div>{} EUR from {}</div>{}",
        answer["revenue_eur"],
        ", ".join(r["isrc"] for r in answer["recordings"]),
        format_html_join(
            "",
            '<div>{} {} <span style="display:inline-block;background:#79aec8;'
            'height:10px;width:{}px"></span> {}</div>',
            (
                (
                    c["month"],
                    c["territory"],
                    round(300 * float(c["revenue_eur"]) / top),
                    c["revenue_eur"],
                )
                for c in cells
            ),
        ),
    )
