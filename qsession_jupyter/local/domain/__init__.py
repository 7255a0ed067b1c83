"""The workspace's behaviour: sessions, jobs, the scheduler, holds, the read side."""
