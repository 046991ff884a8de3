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
    """Every module `path` imports, anywhere in it (inside functions too): `import a.b` gives
    a.b; `from a.b import c` gives a.b and a.b.c (c may be a module); relative imports are
    made absolute."""
    return imports_in(ast.parse(path.read_text()), _package_of(path))


def _package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts if path.name == "__init__.py" else parts[:-1]).removesuffix(".__init__")


def imports_in(tree: ast.AST, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # from . import x, from ..services import y
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def reaches(name: str, forbidden: set[str]) -> bool:
    """Whether the imported `name` is one of `forbidden` or inside one of them."""
    return any(name == f or name.startswith(f + ".") for f in forbidden)


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


# What a renderer may not reach: the database, the ORM models, and the services that read
# them. A renderer takes the plain data a service filled (domain.*_data) and returns bytes.
NOT_FOR_RENDERERS = {
    "participation.services",
    "participation.models",
    "participation.extensions",
    "participation.database",
    "sqlalchemy",
    "flask_sqlalchemy",
}


def test_renderers_take_plain_data_and_do_no_queries_of_their_own() -> None:
    """Renderers import neither services nor models nor the database, not even lazily in a
    function: the data they draw comes in as frozen dataclasses from participation.domain."""
    checked = sorted((PACKAGE / "renderers").rglob("*.py"))
    assert len(checked) > 10
    for path in checked:
        for name in imported_modules(path):
            assert not reaches(name, NOT_FOR_RENDERERS), (path, name)


def test_the_domain_imports_nothing_but_the_domain_of_this_package() -> None:
    """The plain data renderers take lives in domain/: it holds no ORM object, so it may not
    import models, services, the database or renderers."""
    outside = {f"participation.{name}" for name in ("models", "services", "extensions")} | {
        "participation.renderers",
        "participation.database",
    }
    for path in (PACKAGE / "domain").rglob("*.py"):
        for name in imported_modules(path):
            assert not reaches(name, outside), (path, name)


@pytest.mark.parametrize(
    ("source", "package", "caught"),
    [
        ("import participation.services.results.counting", "participation.renderers", True),
        ("from participation.services.results import counting", "participation.renderers", True),
        ("from participation import models", "participation.renderers", True),
        (
            "def draw():\n    from participation.models import Campaign",
            "participation.renderers",
            True,
        ),
        ("import sqlalchemy.orm", "participation.renderers", True),
        ("from ..services import outcome", "participation.renderers", True),
        ("from .sheets import Column", "participation.renderers", False),
        ("from participation.domain.result_data import CampaignResults", "participation.x", False),
        ("from participation.services_text import words", "participation.renderers", False),
    ],
)
def test_the_import_check_sees_every_form_of_import(
    source: str, package: str, caught: bool
) -> None:
    """`import x`, `from x import y`, `from package import module`, relative imports and
    imports inside a function all count; a module that merely starts with the same letters
    does not."""
    found = imports_in(ast.parse(source), package)
    assert any(reaches(name, NOT_FOR_RENDERERS) for name in found) is caught, found


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


def route_modules() -> list[Path]:
    return [p for p in modules() if p.name == "routes.py" or p.name.endswith("_routes.py")]


def _is_db_session(node: ast.AST) -> bool:
    """`db.session`, the way every module reaches the database session."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "session"
        and isinstance(node.value, ast.Name)
        and node.value.id == "db"
    )


def session_uses(path: Path) -> list[int]:
    """The lines where `path` touches db.session at all."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text())) if _is_db_session(node)]


def session_gets(path: Path) -> int:
    """How many times `path` calls db.session.get(…): a row fetched by an id."""
    return sum(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and _is_db_session(node.func.value)
        for node in ast.walk(ast.parse(path.read_text()))
    )


def test_no_view_or_web_helper_talks_to_the_database() -> None:
    """Route modules and participation/web ask a service; neither imports nor calls db."""
    checked = route_modules() + sorted((PACKAGE / "web").rglob("*.py"))
    assert len(checked) > 30
    for path in checked:
        assert "participation.extensions.db" not in imported_modules(path), path
        assert session_uses(path) == [], path


# The only modules that may call db.session.get(…), and how often. services/ownership.py is
# the one rule for an id that came from outside (a URL, a form, a file); the others follow
# ids they stored or signed themselves, never one typed into a request.
SESSION_GET_ALLOWED = {
    "services/ownership.py": 3,  # the rule: the row, then its campaign, session or stand
    "services/staff_login.py": 1,  # Flask-Login's user loader: the id it signed into the cookie
    "services/municipality.py": 3,  # the current municipality's (or region's) own row, by host
    "services/regions/access.py": 1,  # the current region's own row, by the id its host chose
    "services/stands/kiosk_devices.py": 3,  # a pairing's device, a device's stand (foreign keys)
    "services/outcome/outcome.py": 4,  # the outcome of a campaign, its release and session
    "services/outcome/cycles.py": 1,  # a campaign's previous cycle (foreign key)
    "services/outcome/mail_jobs.py": 4,  # ids a queued job was given by the code that queued it
    "services/outcome/follow_up.py": 1,  # after the response: the campaign the view had loaded
    "services/campaigns/indicators.py": 1,  # an indicator's campaign (foreign key)
    "services/results/exclusions.py": 1,  # an exclusion's campaign (foreign key)
    "services/results/settled_store.py": 1,  # a loaded campaign's stored counts, by its key
    "demo.py": 1,  # the demo's own previous campaign
}


def test_rows_named_by_an_id_are_fetched_only_through_the_one_rule() -> None:
    """A new db.session.get(…) anywhere else (a view, or a service given an id from a
    request) fails: use web.access.owned_or_404 in views, services.ownership.owned in
    services, so issue 29's "of this municipality" check reaches every lookup."""
    found = {str(path.relative_to(PACKAGE)): n for path in modules() if (n := session_gets(path))}
    over = {name: n for name, n in found.items() if n > SESSION_GET_ALLOWED.get(name, 0)}
    assert over == {}


def test_services_do_not_import_renderers() -> None:
    """Renderers draw data services give them; a service never reaches for a renderer (not
    even in a function: the view hands the service's data to the renderer)."""
    checked = sorted((PACKAGE / "services").rglob("*.py"))
    assert len(checked) > 30
    for path in checked:
        for name in imported_modules(path):
            assert not reaches(name, {"participation.renderers"}), (path, name)


# Modules still named like their package (services/outcome/outcome.py): to be renamed for
# what they do, as services/results/results.py became services/results/counting.py.
NAMED_LIKE_PACKAGE_ALLOWED = {
    "services/outcome/outcome.py",
    "services/surveys/surveys.py",
}


def test_no_new_module_is_named_like_its_package() -> None:
    """`results.results` says nothing: a module is named for what it does."""
    named_like = {
        str(path.relative_to(PACKAGE)) for path in modules() if path.stem == path.parent.name
    }
    assert named_like <= NAMED_LIKE_PACKAGE_ALLOWED, named_like - NAMED_LIKE_PACKAGE_ALLOWED


# Modules still asking "is someone logged in" themselves: the lead's results views, until the
# results rewrite moves them onto web.roles (security.py only asks whether a login was looked up).
LOGGED_IN_CHECKS_ALLOWED = {
    "web/roles.py",
    "security.py",
}


def test_permission_is_one_rule() -> None:
    """Who may do what is web.roles (allowed, role_required; access.sees_unreleased for
    reading), never a bare login check: a viewer is logged in but may not change anything."""
    for path in modules():
        if str(path.relative_to(PACKAGE)) in LOGGED_IN_CHECKS_ALLOWED:
            continue
        text = path.read_text()
        assert "is_authenticated" not in text, path
        assert "login_required" not in text, path


# Caches the lead is moving onto participation.caches after the results rewrite.
APP_EXTENSIONS_ALLOWED = {"caches.py"}


def test_app_caches_have_one_module_with_named_keys() -> None:
    """Nothing keeps its own string key in app.extensions: participation.caches names every
    cache with its key and value types (cache(name), clear(name))."""
    for path in modules():
        if str(path.relative_to(PACKAGE)) in APP_EXTENSIONS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            assert not (isinstance(node, ast.Attribute) and node.attr == "extensions"), path
