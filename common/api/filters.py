"""The filter backend of every list endpoint: django-filter, with the API's 400s.

A list endpoint declares its query parameters as a ``FilterSet``
(``filterset_class``); the backend answers a bad value, or a parameter given
twice, with a 400 naming the parameter, as a serializer would.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.settings import api_settings

from common.api import query_params_single


def filter_errors(*, errors: ErrorDict) -> dict[str, list[ErrorDetail]]:
    """A form's errors in the shape of a serializer's: what is wrong with the
    whole query under ``non_field_errors``, not Django's ``__all__``."""
    return {
        api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name: [
            # Iterating applies the error's own params, and only those: a
            # value with a % in it is shown as given.
            ErrorDetail(message, code=error.code)
            for error in error_list
            for message in error
        ]
        for name, error_list in errors.as_data().items()
    }


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        query_params_single(query_params=request.query_params)
        if not filterset.is_valid():
            raise ValidationError(filter_errors(errors=filterset.errors))
        return filterset.qs
