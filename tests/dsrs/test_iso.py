from dsrs.iso import country_lookup, currency_lookup


def test_country_from_the_registry():
    spain = country_lookup("es")
    assert (spain.code_2, spain.code_3, spain.name, spain.currency_code) == (
        "ES",
        "ESP",
        "Spain",
        "EUR",
    )


def test_currency_from_the_registry():
    pound = currency_lookup("GBP")
    assert (pound.code, pound.name, pound.symbol) == ("GBP", "Pound Sterling", "£")


def test_codes_outside_the_registries_are_none():
    assert country_lookup("XX") is None
    assert country_lookup("ESP") is None
    assert currency_lookup("XYZ") is None
    assert currency_lookup("E1R") is None
