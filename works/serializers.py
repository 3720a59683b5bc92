"""JSON shapes of the works API, and validation of its input."""

from rest_framework import serializers

ENRICH_MAX_ISWCS = 10_000


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
