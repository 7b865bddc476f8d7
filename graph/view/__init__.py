"""The investigators' offline HTML network view."""
