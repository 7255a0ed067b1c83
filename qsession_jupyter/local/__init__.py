"""The local workspace service: Azure Quantum's data plane and blob storage, offline.

Grouped by what each part knows, lowest first (tests/test_layers.py keeps it so):
`errors` and `config` (shared by all); `storage` (SQLite store, records, blob
files) and `execution` (workers and simulators); `wire` (request checks, OData
filters, the JSON bodies clients get back); `domain` (sessions, jobs, the
scheduler, the `service` facade); `http` (routes over the service); `app` (the
server process, the `qsession-local` CLI, finding and starting the service).
"""
