"""The whole public record as a versioned download (/data/, `manage.py export_dataset`).

`records` writes published records in the import format (also used by the search exports'
`?include=`); `tables` flattens them into one CSV per table and describes every column;
`package` builds the zip (JSON, CSVs, Frictionless datapackage.json, codebook); `releases`
numbers the versions and rebuilds when the public record changed.
"""
