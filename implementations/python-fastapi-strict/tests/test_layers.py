"""The clean architecture holds: the domain, the ports and the use cases import no framework, no
driver and no adapter-level library (python-asgi-common included); only app/adapters/ does."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
INNER = sorted([*(APP / "domain").glob("*.py"), APP / "ports.py", *(APP / "use_cases").glob("*.py")])
OUTSIDE = {"fastapi", "starlette", "pydantic", "asyncpg", "httpx", "uvicorn", "python_multipart", "labasgi"}


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # Relative imports name their level: `..adapters` from the use cases would be one outward.
            modules.add("." * node.level + (node.module or ""))
    return modules


@pytest.mark.parametrize("path", INNER, ids=lambda path: str(path.relative_to(APP)))
def test_an_inner_layer_imports_nothing_from_the_outside(path: Path) -> None:
    imported = imported_modules(path)
    assert not {module for module in imported if module.split(".")[0] in OUTSIDE}
    assert not {module for module in imported if "adapters" in module.split(".")}


def test_python_asgi_common_is_imported_by_the_adapters() -> None:
    adapters = [
        path
        for path in (APP / "adapters").rglob("*.py")
        if "labasgi" in {m.split(".")[0] for m in imported_modules(path)}
    ]
    assert adapters
