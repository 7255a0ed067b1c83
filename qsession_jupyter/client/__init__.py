"""What every front end shares: tracking, polling and closing sessions, and results.

The panel (kernel side) and the sidebar's routes (server side) both read a
workspace through these, over the SDK; none of it draws anything.
`tracker` keeps a session's jobs current with few calls, `poller` is the one
background thread that drives the kernel's trackers, `closing` is the one way
to close a session, `results` fetches a finished job's output once.
"""
