"""Uploads written straight to a temporary file, their SHA-256 computed on the way.

Django keeps small uploads in memory; ``Sha256TemporaryFileUploadHandler``
never does, so ``FileSystemStorage.save`` moves the file into place instead of
copying it, and the checksum costs no second read.
"""

import hashlib

from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from rest_framework.parsers import MultiPartParser


class Sha256TemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Sets ``sha256`` (hex digest) on each ``TemporaryUploadedFile`` it writes."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.digest = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.digest.update(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        file = super().file_complete(file_size)
        file.sha256 = self.digest.hexdigest()
        return file


class Sha256MultiPartParser(MultiPartParser):
    """DRF's multipart parser with ``Sha256TemporaryFileUploadHandler`` only."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        request.upload_handlers = [Sha256TemporaryFileUploadHandler(request)]
        return super().parse(stream, media_type, parser_context)
