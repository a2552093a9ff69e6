"""Output for people: SVG charts, the HTML report's template and spreadsheet-safe CSV.

Everything here escapes the untrusted text it is given; nothing here reads the database.
"""
