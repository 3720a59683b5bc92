"""What other apps' APIs take from dsrs: the DSR selection query.

``territory``, ``period_start`` and ``period_end`` choose DSRs with the
percentile's meaning (``openapi.md``): an ISO alpha-2 code in any case; the
DSR's period lies within the bounds, given as dates or date-times. This is
the one place that validates them; the percentile and the revenue endpoints
(``recordings``) both extend ``DSRSelectionQuerySerializer``.
"""

import datetime

from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dsrs.iso import country_lookup

UNKNOWN_TERRITORY = "{value!r} is not an ISO 3166-1 alpha-2 territory code."
BAD_DATE = "{value!r} is not a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDThh:mm:ssZ)."
PERIOD_ORDER = "period_start must not be after period_end."


@extend_schema_field(OpenApiTypes.DATETIME)
class PeriodDateField(serializers.Field):
    """A DSR period bound: an inclusive date, rendered as midnight UTC."""

    def to_representation(self, value: datetime.date) -> str:
        return f"{value.isoformat()}T00:00:00Z"

    def to_internal_value(self, data) -> datetime.date:
        text = str(data).strip()
        try:
            parsed = parse_date(text) or parse_datetime(text)
        except ValueError:
            parsed = None
        if parsed is None:
            raise serializers.ValidationError(BAD_DATE.format(value=text))
        return parsed.date() if isinstance(parsed, datetime.datetime) else parsed


class DSRSelectionQuerySerializer(serializers.Serializer):
    """Which DSRs an answer counts: a territory, a period, each optional."""

    territory = serializers.CharField(required=False)
    period_start = PeriodDateField(required=False)
    period_end = PeriodDateField(required=False)

    def validate_territory(self, value: str) -> str:
        country = country_lookup(value.strip())
        if country is None:
            raise serializers.ValidationError(UNKNOWN_TERRITORY.format(value=value))
        return country.code_2

    def validate(self, attrs: dict) -> dict:
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and start > end:
            raise serializers.ValidationError({"period_start": [PERIOD_ORDER]})
        return attrs
