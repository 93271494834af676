"""The production settings plus one trivial URL (`/__bench_trivial__`), for the benchmark only."""

from diplotrack.settings import *  # noqa: F403 - the very settings production runs

ROOT_URLCONF = "bench.urls"
