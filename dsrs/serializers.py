"""JSON shapes of openapi.md, and validation of the API's query parameters."""

from rest_framework import serializers

from common.json_stream import (
    JSONRows,
    json_floats,
    json_integer_lists,
    json_integers,
    json_strings,
)
from dsrs.api import DSRSelectionQuerySerializer, PeriodDateField
from dsrs.models import DSR, Currency, Territory

BAD_NUMBER = "{value!r} is not a whole number from 1 to 100."


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["name", "code_2"]


class CurrencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Currency
        fields = ["name", "code"]


class DSRSerializer(serializers.ModelSerializer):
    period_start = PeriodDateField()
    period_end = PeriodDateField()
    territory = TerritorySerializer()
    currency = CurrencySerializer()

    class Meta:
        model = DSR
        fields = [
            "id",
            "path",
            "period_start",
            "period_end",
            "status",
            "territory",
            "currency",
        ]


class ResourceSerializer(serializers.Serializer):
    """A resource of the percentile answer (``ResourceRevenue``).

    The fields describe the shape; ``to_representation`` builds it directly,
    as the fields would (a test pins it). Streamed answers are rendered by
    ``RESOURCE_JSON`` instead.
    """

    dsp_id = serializers.CharField()
    title = serializers.CharField()
    artists = serializers.CharField(
        help_text="Multivalue, pipe-separated list of artist names."
    )
    isrc = serializers.CharField()
    usages = serializers.IntegerField()
    revenue = serializers.FloatField(help_text="Revenue in EUR.")
    dsrs = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="List of DSRs on which the resource is reported.",
    )

    def to_representation(self, instance) -> dict:
        # ResourceRevenue's fields already have the types of the JSON values.
        return {
            "dsp_id": instance.dsp_id,
            "title": instance.title,
            "artists": instance.artists,
            "isrc": instance.isrc,
            "usages": instance.usages,
            "revenue": float(instance.revenue),
            "dsrs": instance.dsrs,
        }


# ``ResourceRevenue``s rendered in bulk, as ``ResourceSerializer`` and DRF's
# JSONRenderer render them (a test pins it): a streamed answer holds a
# million of them, and the serializer's Python per item was most of its time.
RESOURCE_JSON = JSONRows(
    ("dsp_id", json_strings),
    ("title", json_strings),
    ("artists", json_strings),
    ("isrc", json_strings),
    ("usages", json_integers),
    ("revenue", json_floats),
    ("dsrs", json_integer_lists),
)


class PercentileQuerySerializer(DSRSelectionQuerySerializer):
    number = serializers.CharField()

    def validate_number(self, value: str) -> int:
        text = value.strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 100:
            raise serializers.ValidationError(BAD_NUMBER.format(value=value))
        return int(text)
