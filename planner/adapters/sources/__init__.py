"""Readers of the evidence people hand over: proxy, DNS and sign-in logs, SIEM aggregates,
activity reports, surveys and staff directories, with the format registry that guesses
which is which.

Each reader streams its file and yields aggregates; the speed machinery (parallel ranges,
early start, shared-memory gzip) stays behind ``logs.reader.read_log``'s interface.
"""
