"""The client side's network I/O through the SDK, beyond the listings the views model."""
