"""KPIs in the web pages: their editing, measurements (typed, pasted, imported), lateness and forecasts."""
