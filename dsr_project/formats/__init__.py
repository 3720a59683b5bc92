"""The site's one way to write dates and numbers (``FORMAT_MODULE_PATH``)."""
