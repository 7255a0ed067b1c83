"""What every front end shares: tracking, polling, waiting and closing, and results.

The panel (kernel side) and the sidebar's routes (server side) both read a
workspace through these, over the SDK; none of it draws anything.
`tracker` keeps a session's jobs current with few calls, `poller` is the one
background thread that drives the kernel's trackers, `waiting` is how a job is
waited for, `closing` is the one way to close a session, `results` fetches a
finished job's output once, `clocks` reads the workspace's session clocks.
"""
