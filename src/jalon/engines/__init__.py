"""Pure computation engines: no Django, no I/O, no globals."""
