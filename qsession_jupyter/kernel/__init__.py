"""The kernel side: magics, the per-kernel state, the Q# binding and the Python API.

Importing this package imports nothing heavy; `api` and `extension` pull in
the SDK and qdk only when their functions run.
"""
