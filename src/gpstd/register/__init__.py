"""The register file: found, read with positions, validated, cached.

`load` gives a command its register (or RegisterInvalid with every problem); `inspect` is
what `gpstd check` runs; `find` says which file a command reads.
"""

from gpstd.register.loading import bundled_path, find, get_task, inspect, load

__all__ = ["bundled_path", "find", "get_task", "inspect", "load"]
