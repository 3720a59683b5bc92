"""The query parameters of the works search, declared as a django-filter FilterSet.

Each parameter is compared on a key (a title's normal form, a contributor's
name key), so a value with nothing to make a key of is a 400, as is a search
with neither parameter.
"""

from collections.abc import Callable

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field

from common.text import text_normal_form
from works.parsers import contributor_key
from works.selectors import work_search

SEARCH_NEEDS_A_FILTER = "Give title, contributor or both."
NO_WORDS = "{value!r} has no letters or digits to search on."
BLANK = "This field may not be blank."


class SearchTextField(forms.CharField):
    """Text to search on, cleaned to the key ``key`` makes of it.

    Absent is no filter; given, it may not be blank (the REST framework's
    rule for text), and must have letters or digits.
    """

    def __init__(self, *, key: Callable[[str], str], **kwargs):
        self.key = key
        super().__init__(**kwargs)

    def clean(self, value: str | None) -> str:
        if value is None:
            return ""
        text = super().clean(value)
        if not text:
            raise ValidationError(BLANK, code="blank")
        key = self.key(text)
        if not key:
            raise ValidationError(NO_WORDS.format(value=text), code="no_words")
        return key


class SearchFilter(django_filters.CharFilter):
    field_class = SearchTextField


def search_filter(*, key: Callable[[str], str], help_text: str) -> SearchFilter:
    """A search parameter; the schema says what its field checks first:
    given, it is not empty."""
    schema = {"type": "string", "minLength": 1, "description": help_text}
    search = SearchFilter(method="search", key=key, help_text=help_text)
    return extend_schema_field(schema)(search)


class WorkSearchForm(forms.Form):
    def clean(self) -> dict:
        if not any(name in self.data for name in self.fields):
            raise ValidationError(SEARCH_NEEDS_A_FILTER, code="no_filter")
        return super().clean()


class WorkSearchFilterSet(django_filters.FilterSet):
    title = search_filter(
        key=lambda text: text_normal_form(value=text),
        help_text="Works with a title starting with this (compared on normal forms).",
    )
    contributor = search_filter(
        key=lambda text: contributor_key(name=text),
        help_text="Works with a contributor of this name, in any word order.",
    )

    class Meta:
        form = WorkSearchForm

    def search(self, queryset, name: str, value: str):
        return work_search(works=queryset, **{name: value})
