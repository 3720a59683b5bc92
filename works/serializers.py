"""JSON shapes of the works API, and validation of its input."""

from rest_framework import serializers

from common.text import text_normal_form
from works.parsers import contributor_key

ENRICH_MAX_ISWCS = 10_000
SEARCH_NEEDS_A_FILTER = "Give title, contributor or both."
NO_WORDS = "{value!r} has no letters or digits to search on."


class WorkSerializer(serializers.Serializer):
    iswc = serializers.CharField(allow_null=True, help_text="T + ten digits.")
    title = serializers.CharField(help_text="The work's title as first spelled.")
    alternative_titles = serializers.ListField(
        child=serializers.CharField(), help_text="Other titles sources gave it."
    )
    contributors = serializers.ListField(child=serializers.CharField())
    sources = serializers.ListField(
        child=serializers.CharField(), help_text="Providers of its rows."
    )


class EnrichRequestSerializer(serializers.Serializer):
    iswcs = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        max_length=ENRICH_MAX_ISWCS,
        help_text=f"Up to {ENRICH_MAX_ISWCS:,} ISWCs, in any accepted spelling.",
    )


class EnrichResponseSerializer(serializers.Serializer):
    works = WorkSerializer(many=True, help_text="Found works, in the order asked.")
    not_found = serializers.ListField(
        child=serializers.CharField(), help_text="Valid ISWCs no work has, as asked."
    )
    invalid = serializers.ListField(
        child=serializers.CharField(), help_text="Values that are not ISWCs, as asked."
    )


class WorkSearchQuerySerializer(serializers.Serializer):
    title = serializers.CharField(
        required=False,
        help_text="Works with a title starting with this (compared on normal forms).",
    )
    contributor = serializers.CharField(
        required=False,
        help_text="Works with a contributor of this name, in any word order.",
    )

    def validate_title(self, value: str) -> str:
        normal = text_normal_form(value=value)
        if not normal:
            raise serializers.ValidationError(NO_WORDS.format(value=value))
        return normal

    def validate_contributor(self, value: str) -> str:
        key = contributor_key(name=value)
        if not key:
            raise serializers.ValidationError(NO_WORDS.format(value=value))
        return key

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError(SEARCH_NEEDS_A_FILTER)
        return attrs
