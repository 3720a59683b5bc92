"""The percentile endpoint's query parameters as a form, for the browsable API.

``PercentileQuerySerializer`` validates the parameters; this FilterSet only
gives DRF's browsable API its filter form (territory and period inputs), so
a person can ask what a program asks.
"""

import django_filters
from django import forms

from dsrs.models import Resource

ISO_DATE = forms.DateInput(
    format="%Y-%m-%d",
    attrs={"placeholder": "YYYY-MM-DD", "pattern": r"\d{4}-\d{2}-\d{2}"},
)


class PercentileFilterSet(django_filters.FilterSet):
    territory = django_filters.CharFilter(
        label="Territory", help_text="ISO 3166 code: ES, GB, NO.", method="_unused"
    )
    period_start = django_filters.DateFilter(
        label="Period start", widget=ISO_DATE, method="_unused"
    )
    period_end = django_filters.DateFilter(
        label="Period end", widget=ISO_DATE, method="_unused"
    )

    class Meta:
        model = Resource
        fields = ["territory", "period_start", "period_end"]

    def _unused(self, queryset, name, value):
        # The view answers from dsrs.selectors with the serializer's values.
        return queryset
