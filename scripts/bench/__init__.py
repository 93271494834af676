"""Support modules of scripts/bench_pages.py, the page load benchmark (docs/performance.md).

`report` holds the pure helpers (database-name guard, wrk output, the table), `data` builds the
synthetic database, `server` runs gunicorn and wrk, `inprocess` measures with the test client;
`settings` and `urls` add the trivial view to the production configuration.
"""
