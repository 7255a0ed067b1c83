"""What the workspace keeps on disk: the SQLite store, its typed records, blob files."""
