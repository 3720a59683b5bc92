"""The model fields of DSRs, by the path the landed migrations name them."""

from common.db.fields import ByteOrderCharField, ExactDecimalField

__all__ = ["ByteOrderCharField", "ExactDecimalField"]
