"""What clients send and get back: request checks, OData filters, JSON bodies, times."""
