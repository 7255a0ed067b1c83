"""What each quantum provider does differently, in one module per provider.

`catalog` lists the targets (each provider module declares its own) and finds
a target's or a provider's object; `base` is what every provider shares;
`billing` is the contract's `costEstimate` shape. The local service, the
kernel and the cost estimate all read providers from here, so a target of an
existing provider is added in that provider's module only, and a new provider
is one module plus a line in `catalog`.
"""
