"""The client and its resources, one module per area."""
