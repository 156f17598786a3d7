"""Idaho CCCI resource directory: a pure core (load -> validate -> report; pages, search, geo, export)
with thin adapters at the edge (the MkDocs plugin and the `ccci` command line)."""

__version__ = "0.1.0"
