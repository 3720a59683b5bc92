"""What every import shares: the record of a file, the rows it set aside, one
vocabulary of states, one result, one batch loop and the file-import command.

Nothing is imported here, so that pure parsers may use ``common.ingest.text``
without loading models.
"""
