"""The shape of the package: layers that do not reach across, modules that stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "participation"
BLUEPRINTS = sorted(
    p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists() and (p / "routes.py").exists()
)
MAX_LINES = 400


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_there_are_blueprints_to_check() -> None:
    assert {"vote", "stand", "staff", "results", "surveys", "api"} <= set(BLUEPRINTS)


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_no_blueprint_imports_another(blueprint: str) -> None:
    others = {f"participation.{name}" for name in BLUEPRINTS if name != blueprint}
    for path in (PACKAGE / blueprint).rglob("*.py"):
        for name in imported_modules(path):
            assert not any(name == o or name.startswith(o + ".") for o in others), (path, name)


def test_no_route_module_imports_another() -> None:
    routes = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for p in modules()
        if p.name == "routes.py" or p.name.endswith("_routes.py")
    }
    for path in modules():
        if path.name == "__init__.py":
            continue  # a blueprint's package registers its own route modules
        own = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for name in imported_modules(path) & routes:
            assert name == own, (path, name)


def test_the_domain_imports_neither_flask_nor_sqlalchemy() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imported_modules(path):
            assert name.split(".")[0] not in {"flask", "sqlalchemy", "flask_sqlalchemy"}, path


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in modules()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_renderers_take_data_and_do_no_queries_of_their_own() -> None:
    for path in (PACKAGE / "renderers").rglob("*.py"):
        for name in imported_modules(path):
            assert name.split(".")[0] != "sqlalchemy", (path, name)
            assert not name.startswith("participation.extensions"), (path, name)


def test_views_neither_commit_nor_roll_back_and_stay_short() -> None:
    """Transactions belong to services; a view parses, calls one service, and answers."""
    for blueprint in BLUEPRINTS:
        for path in (PACKAGE / blueprint).rglob("*.py"):
            text = path.read_text()
            assert "db.session.commit" not in text and "db.session.rollback" not in text, path
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Call) and getattr(d.func, "attr", "") in VIEW_DECORATORS
                    for d in node.decorator_list
                ):
                    assert node.end_lineno - node.lineno + 1 <= 40, (path, node.name)


VIEW_DECORATORS = {"get", "post", "route"}


def test_route_modules_leave_the_database_to_services() -> None:
    """Views stay thin: a route module asks a service (or web.access's one lookup helper),
    never the session or SQLAlchemy itself."""
    for path in modules():
        if not (path.name == "routes.py" or path.name.endswith("_routes.py")):
            continue
        names = imported_modules(path)
        assert "participation.extensions.db" not in names, path
        assert not any(n == "sqlalchemy" or n.startswith("sqlalchemy.") for n in names), path
