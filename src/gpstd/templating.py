"""The one Jinja2 configuration, for every page gpstd writes (the web page of the register, the
情况通报's page): the package's templates, autoescaping on so nothing from a register becomes
markup, and an undefined name an error rather than an empty string."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def environment() -> Any:
    import jinja2  # imported only by the commands that write a page

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gpstd", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **values: Any) -> str:
    """The named template of src/gpstd/templates, filled in."""
    return str(environment().get_template(template).render(**values))
