"""Every form class of Jalon, found by importing its modules."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from django import forms

import jalon


def form_classes() -> list[type[forms.Form] | type[forms.ModelForm[Any]]]:
    for module in pkgutil.walk_packages(jalon.__path__, "jalon."):
        if ".migrations" not in module.name and not module.name.startswith(("jalon.cli", "jalon.engines")):
            importlib.import_module(module.name)
    found: list[type[forms.Form] | type[forms.ModelForm[Any]]] = []
    todo: list[type[forms.BaseForm]] = [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if (
                issubclass(sub, forms.Form | forms.ModelForm)
                and sub.__module__.startswith("jalon.")
                and not inspect.isabstract(sub)
            ):
                found.append(sub)
    return found
