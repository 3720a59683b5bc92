"""drf-spectacular hooks that keep the generated schema in openapi.md's spelling."""


# The routes answer with or without the trailing slash; openapi.md names the
# item paths without it.
def paths_spell_as_specified(endpoints):
    spelled = []
    for path, path_regex, method, callback in endpoints:
        if path.endswith("}/"):
            path = path[:-1]
        spelled.append((path, path_regex, method, callback))
    return spelled
