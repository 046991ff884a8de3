"""The council report as the first one a new worker makes: a fresh process, timed.

Started by bench_results with DATABASE_URL set to its database; prints the seconds to the
full PDF, its size and its pages. The app is made and logged in first, as a worker would
have been (imports and the login are not timed); nothing of the report is kept yet: no
counts, no charts, no fonts loaded, no PDF.
"""

from __future__ import annotations

import io
import os
import time

import pikepdf

from participation import create_app


def main() -> None:
    app = create_app(SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"], WTF_CSRF_ENABLED=False)
    client = app.test_client()
    login = {"email": "bench@example.org", "password": "een-lang-wachtwoord"}
    assert client.post("/staff/login", data=login).status_code == 302
    started = time.perf_counter()
    response = client.get("/results/demo/rapport.pdf")
    body = response.get_data()
    seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    with pikepdf.open(io.BytesIO(body)) as pdf:
        pages = len(pdf.pages)
    print(f"{seconds:.3f} {len(body)} {pages}")


if __name__ == "__main__":
    main()
