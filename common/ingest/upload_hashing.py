"""Uploads written straight to a temporary file, their SHA-256 computed on the way.

Django keeps small uploads in memory; ``Sha256TemporaryFileUploadHandler``
never does, so ``FileSystemStorage.save`` moves the file into place instead of
copying it, and the checksum costs no second read. An upload past the
parser's ``max_bytes`` is refused with a 413 as soon as that many bytes have
arrived (or at once, when the request's Content-Length says so), and its
temporary file is removed: one request cannot fill the disk.

The temporary file is ``tmp*.upload`` in ``FILE_UPLOAD_TEMP_DIR`` whatever
the name uploaded, which may be too long for the disk; the name itself is
kept on the file object, whole.
"""

import hashlib

from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import (
    FileUploadHandler,
    TemporaryFileUploadHandler,
)
from django.http import UnreadablePostError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.parsers import MultiPartParser

UPLOAD_TOO_LARGE = "the upload is larger than {limit} bytes"
# The form's other parts and boundaries are small: a body this much larger
# than a file cannot hold that file alone.
FORM_OVERHEAD_BYTES = 65536
UPLOAD_STALLED = "the upload stopped arriving before its end; send it again"


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self, *, limit: int):
        super().__init__(UPLOAD_TOO_LARGE.format(limit=limit))


class UploadStalled(APIException):
    """The client stopped sending (the server's stall timeout) or went away."""

    status_code = status.HTTP_408_REQUEST_TIMEOUT
    default_code = "stalled"
    default_detail = UPLOAD_STALLED


class Sha256TemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Sets ``sha256`` (hex digest) on each ``TemporaryUploadedFile`` it writes."""

    def __init__(self, request=None, *, max_bytes: int | None = None):
        super().__init__(request)
        self.max_bytes = max_bytes

    def new_file(self, *args, **kwargs) -> None:
        # FileUploadHandler's, not TemporaryFileUploadHandler's: that one
        # puts the uploaded name's extension, of any length, in the temp name.
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = TemporaryUploadedFile(
            "upload", self.content_type, 0, self.charset, self.content_type_extra
        )
        self.file.name = self.file_name
        self.digest = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.max_bytes is not None and start + len(raw_data) > self.max_bytes:
            self.file.close()  # a temporary file: closing removes it
            raise UploadTooLarge(limit=self.max_bytes)
        self.digest.update(raw_data)
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        file = super().file_complete(file_size)
        file.sha256 = self.digest.hexdigest()
        return file


class Sha256MultiPartParser(MultiPartParser):
    """DRF's multipart parser with ``Sha256TemporaryFileUploadHandler`` only.

    ``max_bytes`` (None: no limit) bounds each uploaded file.
    """

    max_bytes: int | None = None

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        limit = self.max_bytes
        declared = request.META.get("CONTENT_LENGTH") or ""
        if (
            limit is not None
            and declared.isdigit()
            and int(declared) > limit + FORM_OVERHEAD_BYTES
        ):
            raise UploadTooLarge(limit=limit)
        handler = Sha256TemporaryFileUploadHandler(request, max_bytes=limit)
        request.upload_handlers = [handler]
        try:
            return super().parse(stream, media_type, parser_context)
        except UnreadablePostError:
            if hasattr(handler, "file"):
                handler.file.close()  # a temporary file: closing removes it
            raise UploadStalled() from None
