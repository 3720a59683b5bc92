"""The JSON body parser of every API: DRF's, with a nesting limit.

A body nested deeper than ``API_MAX_JSON_DEPTH`` is a 400 naming the limit,
before ``json`` recurses into it (100,000 levels were a ``RecursionError``
and a 500).
"""

import io

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from common.json_depth import json_depth_exceeds

TOO_DEEP = (
    "JSON parse error - arrays and objects nest more than {limit} levels deep "
    "(API_MAX_JSON_DEPTH)"
)


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = stream.read() if stream is not None else b""
        limit = settings.API_MAX_JSON_DEPTH
        if json_depth_exceeds(data=data, limit=limit):
            raise ParseError(TOO_DEEP.format(limit=limit))
        try:
            return super().parse(io.BytesIO(data), media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP.format(limit=limit)) from None
