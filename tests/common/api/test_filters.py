"""The filter backend: a FilterSet's errors in a serializer's shape."""

from django import forms
from django.core.exceptions import ValidationError

from common.api.filters import filter_errors


class QueryForm(forms.Form):
    number = forms.IntegerField(required=False)

    def clean(self):
        raise ValidationError("Give %(what)s.", params={"what": "a number"})


def test_errors_per_parameter_and_for_the_whole_query():
    form = QueryForm(data={"number": "x%s"})
    assert not form.is_valid()
    assert filter_errors(errors=form.errors) == {
        "number": ["Enter a whole number."],
        "non_field_errors": ["Give a number."],
    }
