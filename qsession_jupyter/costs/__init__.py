"""What a job will cost, before it is submitted (`estimate.estimate_cost`).

`payload` builds the job the SDK would send for a program; the usage is
counted by the same code the local service's workers run; the price comes from
the target's provider object. So the estimate equals the `costEstimate` the
service writes once the job has run.
"""
