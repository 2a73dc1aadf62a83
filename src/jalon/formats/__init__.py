"""Jalon's own locale formats (Django's ``FORMAT_MODULE_PATH``): what a module leaves out, Django
gives."""
