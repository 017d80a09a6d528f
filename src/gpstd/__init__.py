"""gpstd: a register of a local government's key tasks, with queries, checks and exports."""

__version__ = "0.1.0"
