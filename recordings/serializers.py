"""Query parameters of the revenue endpoints, and the shapes they answer."""

from rest_framework import serializers

from dsrs.api import DSRSelectionQuerySerializer
from recordings.selectors import Filters, eur_text


class RevenueQuerySerializer(DSRSelectionQuerySerializer):
    """The percentile's DSR selection (``dsrs.api``), as the revenue
    selectors' ``Filters``."""

    def filters(self) -> Filters:
        return Filters(**self.validated_data)


class TerritoryMonthSerializer(serializers.Serializer):
    territory = serializers.CharField()
    month = serializers.CharField(help_text="YYYY-MM: the month the DSR starts in.")
    usages = serializers.IntegerField()
    revenue_eur = serializers.CharField(help_text="Rounded half-even to 6 places.")


class RecordingRevenueSerializer(serializers.Serializer):
    isrc = serializers.CharField()
    usages = serializers.IntegerField()
    revenue_eur = serializers.CharField()


class WorkRevenueSerializer(serializers.Serializer):
    iswc = serializers.CharField()
    usages = serializers.IntegerField()
    revenue_eur = serializers.CharField(
        help_text="The exact EUR sum rounded half-even to 6 places."
    )
    recordings = RecordingRevenueSerializer(many=True)
    by_territory_month = TerritoryMonthSerializer(many=True)


class UnmatchedSerializer(serializers.Serializer):
    isrc = serializers.CharField(allow_null=True)
    dsp = serializers.CharField(allow_null=True, help_text="Lines without an ISRC.")
    dsp_id = serializers.CharField(allow_null=True)
    reported_isrc = serializers.CharField(
        allow_null=True, help_text="What the lines said, when it is no valid ISRC."
    )
    usages = serializers.IntegerField()
    revenue_eur = serializers.SerializerMethodField()
    share = serializers.SerializerMethodField(
        help_text="Of all revenue the filters select, rounded half-even to 6 places."
    )
    in_review = serializers.BooleanField(
        help_text="Linked by sources that disagree: a review item is open."
    )

    def get_revenue_eur(self, obj) -> str:
        return eur_text(amount=obj.revenue_eur)

    def get_share(self, obj) -> str:
        return eur_text(amount=obj.share)
