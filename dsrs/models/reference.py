"""Reference data: ISO 4217 currencies and ISO 3166-1 territories."""

from django.db import models


class Currency(models.Model):
    """An ISO 4217 currency."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    symbol = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "currencies"

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class Territory(models.Model):
    """An ISO 3166-1 country or territory."""

    code_2 = models.CharField(max_length=2, unique=True)
    code_3 = models.CharField(max_length=3)
    name = models.CharField(max_length=100)
    local_currency = models.ForeignKey(
        Currency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code_2"]
        verbose_name_plural = "territories"

    def __str__(self) -> str:
        return f"{self.code_2} ({self.name})"
