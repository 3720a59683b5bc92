"""The recordings catalogue indexed for matching, no ORM.

Rows with the same artist and the same title key are one recording listed
more than once (a single and an album, each with its own ISRC). The group's
canonical row is the first by (valid ISRC first, then the lowest ``cm_track``,
the one catalogued first); the others are its alternatives.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from common.text import ParsedTitle, artist_key, title_parse


@dataclass(frozen=True)
class CatalogueRow:
    track_id: int
    cm_track: int
    isrc: str
    isrc_valid: bool
    title: str
    artist: str


@dataclass
class RecordingGroup:
    """One recording: every catalogue row of one artist and title key."""

    artist: str  # artist key
    title: ParsedTitle
    rows: list[CatalogueRow] = field(default_factory=list)

    @property
    def canonical(self) -> CatalogueRow:
        return self.rows[0]

    @property
    def alternatives(self) -> list[CatalogueRow]:
        return self.rows[1:]


def canonical_order(row: CatalogueRow) -> tuple[bool, int]:
    """The rule that picks a duplicated recording's row: valid ISRC, then oldest."""
    return not row.isrc_valid, row.cm_track


class Catalogue:
    """Recording groups by exact key, by title key and by artist."""

    def __init__(self, rows: Iterable[CatalogueRow]):
        groups: dict[tuple, RecordingGroup] = {}
        for row in rows:
            artist, title = artist_key(value=row.artist), title_parse(value=row.title)
            if not artist or not title.base:
                continue
            key = (artist, title.key)
            groups.setdefault(key, RecordingGroup(artist, title)).rows.append(row)
        self.by_title: dict[tuple, list[RecordingGroup]] = defaultdict(list)
        self.by_artist: dict[str, list[RecordingGroup]] = defaultdict(list)
        for group in groups.values():
            if len(group.rows) > 1:  # most recordings are listed once
                group.rows.sort(key=canonical_order)
            self.by_title[group.title.key].append(group)
            self.by_artist[group.artist].append(group)
        self.groups = list(groups.values())
        self.by_artist_versions: dict[tuple, list[RecordingGroup]] = defaultdict(list)
        for artist, artist_groups in self.by_artist.items():
            for group in artist_groups:
                key = (artist, group.title.versions)
                self.by_artist_versions[key].append(group)
        # What fuzzy matching compares, listed once, not once per video.
        self.bases_versioned = {
            key: [group.title.base for group in groups]
            for key, groups in self.by_artist_versions.items()
        }
        self.artist_tokens = {
            artist: frozenset(artist.split()) for artist in self.by_artist
        }
        self._by_rarest_token = self._rarest_token_index()

    def groups_titled(
        self, *, title: tuple, artists: frozenset[str]
    ) -> list[RecordingGroup]:
        """The groups with this title key by one of these artists."""
        return [
            group for group in self.by_title.get(title, ()) if group.artist in artists
        ]

    def groups_versioned(
        self, *, artist: str, versions: frozenset[str]
    ) -> tuple[list[RecordingGroup], list[str]]:
        """The artist's groups with exactly these versions, in catalogue order,
        and their base titles."""
        key = (artist, versions)
        return self.by_artist_versions.get(key, []), self.bases_versioned.get(key, [])

    def artists_within(self, *, tokens: frozenset[str]) -> list[str]:
        """The artists every word of whose name is among ``tokens``.

        Each artist is indexed under its rarest word only, so a video is
        compared with the few artists that share its rare words, however
        large the catalogue.
        """
        return [
            artist
            for token in tokens
            for artist in self._by_rarest_token.get(token, ())
            if self.artist_tokens[artist] <= tokens
        ]

    def _rarest_token_index(self) -> dict[str, list[str]]:
        counts = Counter(t for words in self.artist_tokens.values() for t in words)
        index = defaultdict(list)
        for artist, words in self.artist_tokens.items():
            index[min(words, key=lambda word: (counts[word], word))].append(artist)
        return index
