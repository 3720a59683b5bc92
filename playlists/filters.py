"""The query parameters of the playlist list, declared as a django-filter FilterSet."""

import django_filters

from playlists.models import PlaylistSnapshot, Source


class PlaylistFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(
        field_name="name",
        lookup_expr="icontains",
        help_text="Playlists whose latest crawl's name contains this, in any case.",
    )
    source = django_filters.ChoiceFilter(
        field_name="playlist__source", choices=Source.choices
    )

    class Meta:
        model = PlaylistSnapshot
        fields = ["name", "source"]
