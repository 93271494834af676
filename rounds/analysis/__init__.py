"""Reads for the analysis pages: counts over time, each side's account, two rounds compared.

Like `rounds.selectors`, these read the domain only (published records) and return plain
data, each in a fixed number of queries; `rounds.charts` draws from that data and the views
and templates show it.
"""
