"""The *Get started* checklist: the method's 7 steps, each ticked from what the roadmap contains."""
