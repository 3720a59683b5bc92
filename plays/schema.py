"""drf-spectacular hook: the play-count paths as docs/plays.md spells them."""


# The routes answer with or without the trailing slash; /plays/jobs and
# /plays/jobs/{id}/result are documented without it.
def paths_without_trailing_slash(endpoints):
    spelled = []
    for path, path_regex, method, callback in endpoints:
        if path.startswith("/plays/") and path.endswith("/"):
            path = path[:-1]
        spelled.append((path, path_regex, method, callback))
    return spelled
