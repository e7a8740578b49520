"""The project's own generic dbt tests (macros/tests/), run as SQL on small tables they must fail on.

dbt runs each generic test as a query that returns the offending rows. Here the body of a test
macro is rendered with Jinja (the arguments dbt would pass, ``model`` a table name) and run in an
in-memory DuckDB on a table made to break it.
"""

from __future__ import annotations

import re

import duckdb
import jinja2

from conftest import REPO_ROOT


def render_test(name: str, **arguments: object) -> str:
    """The SQL dbt would run for the generic test ``name`` with these arguments."""
    text = (REPO_ROOT / "macros" / "tests" / f"{name}.sql").read_text(encoding="utf-8")
    body = re.search(r"{%\s*test\s+" + name + r"\(.*?\)\s*%}(.*?){%\s*endtest\s*%}", text, re.S)
    assert body, f"no test block in macros/tests/{name}.sql"
    return jinja2.Template(body.group(1)).render(**arguments)


def test_not_null_columns_names_each_column_that_holds_nulls():
    con = duckdb.connect()
    con.execute("create table t (a integer, b varchar, c boolean)")
    con.execute("insert into t values (1, 'x', true), (2, null, true), (null, null, true)")
    sql = render_test("not_null_columns", model="t", columns=["a", "b", "c"])
    assert sorted(con.execute(sql).fetchall()) == [("a", 1), ("b", 2)]
    assert con.execute(render_test("not_null_columns", model="t", columns=["c"])).fetchall() == []
    con.execute("delete from t")
    assert con.execute(sql).fetchall() == []  # an empty model passes
