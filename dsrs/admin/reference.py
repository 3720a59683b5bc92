"""Currencies and territories: ISO registries, read-only."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin
from dsrs.models import Currency, Territory


@admin.register(Currency)
class CurrencyAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "symbol"]
    search_fields = ["code", "name"]


@admin.register(Territory)
class TerritoryAdmin(ReadOnlyAdmin):
    list_display = ["code_2", "code_3", "name", "local_currency"]
    search_fields = ["code_2", "code_3", "name"]
