"""The drf-spectacular hook that spells the paths of the one schema.

Every route answers with and without its trailing slash (``OptionalSlashRouter``);
the schema names one spelling per path, the one the API's documents use:
openapi.md names the DSR item paths without the slash, docs/plays.md the
play-count paths without it, and the collections and actions keep it.
"""

SLASHLESS_PREFIXES = ("/plays/",)


def path_spelled(path: str) -> str:
    """An item path (``…/{id}/``) and every play-count path lose the slash."""
    if path.endswith("}/") or (
        path.startswith(SLASHLESS_PREFIXES) and path.endswith("/")
    ):
        return path[:-1]
    return path


def paths_spell_as_documented(endpoints):
    return [
        (path_spelled(path), path_regex, method, callback)
        for path, path_regex, method, callback in endpoints
    ]
