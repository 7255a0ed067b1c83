"""The service as a program: the server process, the CLI, finding it, idle shutdown."""
