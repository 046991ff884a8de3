"""What the install page says per problem of creating a municipality, and at which field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Per problem of services.install.create: the form field it is told at, and what it says.
PROBLEMS = {
    "name": ("name", _l("Give the municipality's name.")),
    "slug": (
        "slug",
        _l(
            "Use lowercase letters, digits and hyphens only (at most 60), not starting or "
            "ending with a hyphen."
        ),
    ),
    "slug_taken": ("slug", _l("Another municipality already has this short name.")),
    "public_url": (
        "public_url",
        _l(
            "Write the address as https:// and a host name, e.g. "
            "https://veiligheid.westerveld.nl, with nothing after the host name."
        ),
    ),
    "host_taken": (
        "public_url",
        _l("This address or one of the host names already belongs to another municipality."),
    ),
    "hosts": (
        "hosts",
        _l(
            "A host name is not valid: use letters, digits, dots and hyphens, and separate "
            "host names with spaces."
        ),
    ),
    "population": ("population", _l("Give the number of inhabitants, from 1 to 9,999,999.")),
    "first_has_no_address": (
        "public_url",
        _l(
            "A municipality of this install has no public address or host name of its own yet: "
            "it answers on every address now, and with a second one it could no longer be "
            "reached. Give it its own address first (Address, in the table above)."
        ),
    ),
    "admin_email": (
        "admin_email",
        _l("Write an e-mail address such as naam@gemeente.nl, without accents."),
    ),
    "admin_inactive": (
        "admin_email",
        _l(
            "The login with this e-mail address is deactivated. Choose another address, or "
            "have the login activated again first."
        ),
    ),
    "admin_changed": (
        "admin_email",
        _l("The login with this e-mail address changed at this very moment. Send the form again."),
    ),
}
