"""The Basic Audio profile 1.x of DDEX DSRF, in the standard's own names. No ORM.

A DSRF file declares each record type's columns itself, in a ``#`` header
line (``#SU02.02<TAB>BlockId<TAB>SummaryRecordId…``); the parser reads every
record by those names, so a version that adds columns still reads. This
module says only which record types the profile has, what each kind means
here, and which of its columns the import takes.
"""

MESSAGE_VERSION_PREFIX = "dsrf"
PROFILE = "BasicAudioProfile"
PROFILE_VERSION_MAJOR = "1"

HEAD = "HEAD"
FOOT = "FOOT"
HEADER_MARK = "#"

# Record types by their code before the version (``SU02`` of ``SU02.02``).
SUMMARY_TYPES = frozenset({"SY01", "SY02"})
# Summary records of the profile this import does not map: counted, not stored.
SUMMARY_TYPES_SKIPPED = frozenset({"SY04", "SY05", "SY06"})
RELEASE_TYPES = frozenset({"RE01", "RE02"})
RESOURCE_TYPES = frozenset({"AS01", "AS02"})
SALE_TYPES = frozenset({"SU01", "SU02"})
BLOCK_TYPES = RELEASE_TYPES | RESOURCE_TYPES | SALE_TYPES

# HEAD
MESSAGE_VERSION = "MessageVersion"
PROFILE_NAME = "Profile"
PROFILE_VERSION = "ProfileVersion"
MESSAGE_ID = "MessageId"
USAGE_START = "UsageStartDate"
USAGE_END = "UsageEndDate"
SENDER_ID = "SenderPartyId"
SENDER_NAME = "SenderName"
SERVICE = "ServiceDescription"
RECIPIENT_ID = "RecipientPartyId"
RECIPIENT_NAME = "RecipientName"
FILE_NUMBER = "FileNumber"
NUMBER_OF_FILES = "NumberOfFiles"

# Summary records (SY01, SY02)
SUMMARY_ID = "SummaryRecordId"
TERRITORY = "Territory"
CURRENCY = "CurrencyOfReporting"
NET_REVENUE = "NetRevenue"
# SY01 says TotalUsages; the first of these a header declares is read.
SUMMARY_USAGES = ("TotalUsages", "Usages", "NumberOfUsages")
TRANSACTION_CURRENCY = "CurrencyOfTransaction"
EXCHANGE_RATE = "ExchangeRate"

# Every record of a block
BLOCK_ID = "BlockId"

# Resources (AS01, AS02)
RESOURCE_REFERENCE = "ResourceReference"
DSP_RESOURCE_ID = "DspResourceId"
ISRC = "ISRC"
TITLE = "Title"
DISPLAY_ARTIST = "DisplayArtistName"
ISWC = "ISWC"

# Sale and usage records (SU01, SU02)
TRANSACTED_RESOURCE = "TransactedResource"
# SU02 counts NumberOfStreams, SU01 NumberOfConsumerSalesGross; the first of
# these a header declares is read.
SALE_USAGES = ("NumberOfStreams", "NumberOfConsumerSalesGross", "NumberOfUsages")
# A sale record whose header declares NetRevenue carries its own revenue;
# Basic Audio's SU01/SU02 do not, so their summary record's is allocated.
SALE_REVENUE = "NetRevenue"

# FOOT
LINES_IN_FILE = "NumberOfLinesInFile"
BLOCKS_IN_FILE = "NumberOfBlocksInFile"

# Multi-valued cells separate their values with a pipe.
VALUE_SEPARATOR = "|"


def record_code(record_type: str) -> str:
    """``SU02`` of ``SU02.02``: the record type without its version."""
    return record_type.split(".", 1)[0]
