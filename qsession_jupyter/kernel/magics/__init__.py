"""The kernel's magics: thin argument parsers over `qsession_jupyter.kernel.api`."""
