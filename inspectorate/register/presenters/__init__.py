"""Presenters: plain Python that turns register records into exactly what a page shows, so templates hold
no rules. Every grade they show carries its framework and date."""
