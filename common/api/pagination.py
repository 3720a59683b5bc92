"""The page style of list endpoints: ``?limit=&offset=``, the REST framework default.

Answers are ``{"count", "next", "previous", "results"}``; ``next`` and
``previous`` are full URLs or null. Two list endpoints kept the style they
were published with: ``/works/`` pages by number, ``/dsrs/`` is not paged.
"""

from rest_framework.pagination import LimitOffsetPagination


class ListPagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000
