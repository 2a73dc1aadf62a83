"""Form fields for numbers, money and dates as people type them (rules in ``jalon.parsing``).

Every numeric field of every form is a :class:`LocaleDecimalField`; model forms get it (and
:class:`LocaleDateField` for dates) by naming ``formfield_callback = as_typed`` in their ``Meta``.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, Literal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from jalon import bounds
from jalon.engines.number_text import localise_digits
from jalon.formatting import format_number, no_such_day_words
from jalon.keys import KEY_MAX_LENGTH, KEY_PATTERN, RESERVED_KEYS
from jalon.parsing import NoSuchDay, NotADate, NotANumber, foreign_digits_hint, parse_date, parse_number
from jalon.widgets import DateText

Kind = Literal["decimal", "float", "integer"]


def _language() -> str:
    return get_language() or "fr"


def number_for_input(value: Decimal | float | int, language: str | None = None) -> str:
    """``1 500,5`` (French, narrow no-break spaces) / ``1,500.5`` (English): every digit kept, so that
    saving the form again changes nothing."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    text = f"{exact:,f}"
    return localise_digits(text, french=(language or _language()).startswith("fr"))


class LocaleDecimalField(forms.DecimalField):
    """A number typed as people write it in the page's language: ``1 500,50``, ``12 %``, ``1,5k €``.

    ``kind`` says what the form gets back: a Decimal (money), a float or an int. Infinite numbers are
    refused; the text stays in the field with its error when it is not a number.
    """

    default_error_messages = {
        "invalid": _("“%(value)s” is not a number. Type it as 1,500.50 or 1.5k for example."),
        "not_whole": _("“%(value)s” is not a whole number."),
        "not_finite": _("“%(value)s” is too large."),
        "out_of_range": _("Enter a number between %(low)s and %(high)s."),
    }

    def __init__(
        self,
        *,
        kind: Kind = "decimal",
        max_digits: int | None = None,
        decimal_places: int | None = None,
        not_negative: bool = False,
        **kwargs: Any,
    ) -> None:
        self.kind = kind
        self.not_negative = not_negative or kwargs.get("min_value") == 0  # the range its message states
        widget = kwargs.get("widget")
        if widget is None or isinstance(widget, forms.NumberInput) or widget is forms.NumberInput:
            # A number input refuses "1 500" (the browser empties it): always a text input.
            attrs = dict(getattr(widget, "attrs", {}) or {})
            for name in ("min", "max", "step"):
                attrs.pop(name, None)
            kwargs["widget"] = forms.TextInput(attrs=attrs)
        kwargs.pop("localize", None)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        for name in ("min", "max", "step"):
            attrs.pop(name, None)
        attrs["inputmode"] = "numeric" if self.kind == "integer" else "decimal"
        return attrs

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                number = parse_number(value, _language())
            except NotANumber:
                if hint := foreign_digits_hint(value.strip(), gettext):
                    raise ValidationError(hint, code="invalid") from None
                raise self._refuse("invalid", value) from None
            if number is None:
                return None
        else:
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                raise self._refuse("invalid", value) from None
        return self._as_kind(number, value)

    def _refuse(self, code: str, typed: Any) -> ValidationError:
        return ValidationError(self.error_messages[code], code=code, params={"value": typed})

    def _as_kind(self, number: Decimal, typed: Any) -> Decimal | float | int:
        if not number.is_finite():
            raise self._refuse("not_finite", typed)
        if (highest := self._highest()) is not None and abs(number) > highest:
            # the range an amount may take, not "no more than 14 digits in total" (Django's words)
            low, high = (
                format_number(0 if self.not_negative else -float(highest)),
                format_number(float(highest)),
            )
            raise ValidationError(
                self.error_messages["out_of_range"], code="out_of_range", params={"low": low, "high": high}
            )
        if self.kind == "integer":
            if number != number.to_integral_value():
                raise self._refuse("not_whole", typed)
            return int(number)
        if self.kind == "float":
            as_float = float(number)
            if not math.isfinite(as_float):
                raise self._refuse("not_finite", typed)
            return as_float
        return number

    def _highest(self) -> Decimal | None:
        """The largest amount ``max_digits`` and ``decimal_places`` let a decimal field hold."""
        if self.kind != "decimal" or self.max_digits is None or self.decimal_places is None:
            return None
        return Decimal(10) ** (self.max_digits - self.decimal_places) - Decimal(10) ** -self.decimal_places

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def run_validators(self, value: Any) -> None:
        if self.kind != "decimal" and value is not None:
            value = Decimal(str(value))
        super().run_validators(value)

    def prepare_value(self, value: Any) -> Any:
        """What the input shows: a saved number in the reader's language; typed text as it was typed."""
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        if isinstance(value, int | float | Decimal):
            if isinstance(value, float) and not math.isfinite(value):
                return str(value)
            return number_for_input(value)
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            typed: Any = self.to_python(data)
            return bool(typed != (None if initial in self.empty_values else self._kind_of(initial)))
        except ValidationError:
            return True

    def _kind_of(self, value: Any) -> Any:
        try:
            return self._as_kind(Decimal(str(value)), value)
        except (ValidationError, InvalidOperation):
            return value


class LocaleDateField(forms.DateField):
    """A date as ``2027-03-15`` in every language (pasted, or posted by the timeline's dragging),
    ``15/03/2027`` (day first) or ``15 Mar 2027`` in French and in English alike, as the pages write dates;
    typed in a text box that shows that format
    (:class:`jalon.widgets.DateText`), never a browser's date picker."""

    widget = DateText

    default_error_messages = {
        "invalid": _("“%(value)s” is not a date. Type it as 15/03/2027 (day first) or 2027-03-15."),
        "out_of_range": bounds.OUT_OF_RANGE,
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return parse_date(value)
            except NoSuchDay as refused:  # 29/02/2027: typed as asked, the day is what is wrong
                raise ValidationError(
                    no_such_day_words(refused.text, refused.written), code="invalid"
                ) from None
            except NotADate:
                if hint := foreign_digits_hint(value.strip(), gettext):
                    raise ValidationError(hint, code="invalid") from None
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": value}
                ) from None
        return super().to_python(value)

    def validate(self, value: Any) -> None:
        """A date outside the stored bounds is refused here, before a form's ``clean`` computes with it (a
        horizon of 12 months from 9999-06-01 would end in the year 10000)."""
        super().validate(value)
        if value is not None and not bounds.date_in_range(value):
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")


def as_typed(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """``Meta.formfield_callback`` of model forms: numbers and dates as people type them."""
    if "form_class" not in kwargs and not db_field.choices:
        kind: Kind | None = None
        if isinstance(db_field, models.DecimalField):
            kind = "decimal"
        elif isinstance(db_field, models.FloatField):
            kind = "float"
        elif isinstance(db_field, models.IntegerField) and not isinstance(db_field, models.AutoField):
            kind = "integer"
        if kind is not None:
            kwargs["form_class"] = partial(
                LocaleDecimalField, kind=kind, not_negative=bounds.not_negative(db_field)
            )
        elif isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
            kwargs["form_class"] = LocaleDateField
    return db_field.formfield(**kwargs)


class KeyField(forms.SlugField):
    """The optional key of a new item, in an "Advanced" section: left blank, it is made from the title.

    Shown open when it holds a value or an error, so that nothing typed is ever hidden or dropped."""

    advanced = True
    # What a jalon/1 file reads back (a slug field would also take "_"); capitals are lowered first.
    default_validators = [RegexValidator(bounds.KEY_SHAPE, message=bounds.KEY_OUT_OF_SHAPE, code="invalid")]

    default_error_messages = {
        "reserved": _("“%(value)s” is a word the addresses use; choose another key or leave it empty."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs["label"] = capfirst(kwargs.get("label", _("key")))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", KEY_MAX_LENGTH)
        kwargs.setdefault(
            "help_text", _("Used in addresses and files. Leave it empty to make it from the title.")
        )
        kwargs.setdefault("template_name", "forms/advanced_field.html")
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "pattern": KEY_PATTERN}

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        return text.lower() if isinstance(text, str) else text

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in RESERVED_KEYS:
            raise ValidationError(self.error_messages["reserved"], code="reserved", params={"value": value})
