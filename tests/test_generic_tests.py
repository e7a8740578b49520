"""The project's own generic dbt tests (macros/tests/), run as SQL on small tables they must fail on.

dbt runs each generic test as a query that returns the offending rows. Here the body of a test
macro is rendered with Jinja (the arguments dbt would pass, ``model`` a table name) and run in an
in-memory DuckDB on a table made to break it.
"""

from __future__ import annotations

import re

import duckdb
import jinja2
import pytest

from conftest import REPO_ROOT


class _Adapter:
    """dbt's ``adapter.dispatch`` over the macros of one file: ``<adapter>__name``, else ``default__name``."""

    def __init__(self, macros: object, adapter: str) -> None:
        self.macros, self.adapter = macros, adapter

    def dispatch(self, name: str, namespace: str | None = None):
        return getattr(self.macros, f"{self.adapter}__{name}", None) or getattr(self.macros, f"default__{name}")


def render_test(name: str, adapter: str = "duckdb", **arguments: object) -> str:
    """The SQL dbt would run for the generic test ``name`` with these arguments on ``adapter``."""
    text = (REPO_ROOT / "macros" / "tests" / f"{name}.sql").read_text(encoding="utf-8")
    body = re.search(r"{%\s*test\s+" + name + r"\(.*?\)\s*%}(.*?){%\s*endtest\s*%}", text, re.S)
    assert body, f"no test block in macros/tests/{name}.sql"
    return jinja2.Template(body.group(1)).render(adapter=_Adapter(generic_test_macros(), adapter), **arguments)


def generic_test_macros() -> object:
    """The macros of every file of macros/tests (their test blocks left out), in one namespace as
    dbt gives them: a test's macros may call those of another file."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO_ROOT / "macros" / "tests").glob("*.sql"))]
    blocks = re.compile(r"{%\s*test\s.*?{%\s*endtest\s*%}", re.S)
    return jinja2.Template("\n".join(blocks.sub("", text) for text in texts)).module


def test_not_null_columns_names_each_column_that_holds_nulls():
    con = duckdb.connect()
    con.execute("create table t (a integer, b varchar, c boolean)")
    con.execute("insert into t values (1, 'x', true), (2, null, true), (null, null, true)")
    sql = render_test("not_null_columns", model="t", columns=["a", "b", "c"])
    assert sorted(con.execute(sql).fetchall()) == [("a", 1), ("b", 2)]
    assert con.execute(render_test("not_null_columns", model="t", columns=["c"])).fetchall() == []
    con.execute("delete from t")
    assert con.execute(sql).fetchall() == []  # an empty model passes


@pytest.mark.parametrize("adapter", ["duckdb", "default"])
def test_primary_key_names_null_and_duplicated_keys(adapter: str):
    """DuckDB's variant groups on a hash of the key first; both must name the same keys."""
    con = duckdb.connect()
    con.execute("create table t (a integer, b varchar)")
    con.execute("insert into t values (1, 'x'), (1, 'y'), (2, 'x'), (2, 'x'), (null, 'z')")
    if adapter == "duckdb":
        assert "hash(a, b)" in render_test("primary_key", adapter=adapter, model="t", columns=["a", "b"])
    single = render_test("primary_key", adapter=adapter, model="t", columns=["a"])
    assert sorted(con.execute(single).fetchall(), key=str) == [
        (1, 2, "duplicate key"),
        (2, 2, "duplicate key"),
        (None, 1, "null key"),
    ]
    pair = render_test("primary_key", adapter=adapter, model="t", columns=["a", "b"])
    assert sorted(con.execute(pair).fetchall(), key=str) == [(2, "x", 2, "duplicate key"), (None, "z", 1, "null key")]
    con.execute("delete from t where a is null or (a = 2 and b = 'x')")
    assert con.execute(pair).fetchall() == []
    assert con.execute(single).fetchall() == [(1, 2, "duplicate key")]


def test_accepted_values_by_column_names_each_unexpected_value():
    con = duckdb.connect()
    con.execute("create table t (kind varchar, n integer, flag boolean)")
    con.execute("insert into t values ('a', 1, true), ('b', 2, true), ('z', 9, false), ('z', null, null)")
    sql = render_test(
        "accepted_values_by_column",
        model="t",
        values={"kind": ["a", "b"], "n": [1, 2], "flag": [True]},
        type_text=lambda: "varchar",
    )
    assert sorted(con.execute(sql).fetchall()) == [("flag", "false", 1), ("kind", "z", 2), ("n", "9", 1)]
    con.execute("delete from t where kind = 'z'")
    assert con.execute(sql).fetchall() == []  # nulls and accepted values pass


def test_relationships_by_column_names_each_orphan_value():
    con = duckdb.connect()
    con.execute("create table parent (variable varchar, category varchar)")
    con.execute("insert into parent values ('v1', 'low'), ('v1', 'high'), ('v2', 'none')")
    con.execute("create table child (c1 varchar, c2 varchar)")
    con.execute("insert into child values ('low', 'none'), ('high', 'low'), (null, null), ('mid', 'none')")
    sql = render_test(
        "relationships_by_column",
        model="child",
        to="parent",
        fields={
            "c1": "case when variable = 'v1' then category end",
            "c2": "case when variable = 'v2' then category end",
        },
        type_text=lambda: "varchar",
    )
    # 'low' is a category of v1, not of v2: each column is checked against its own field
    assert sorted(con.execute(sql).fetchall()) == [("c1", "mid", 1), ("c2", "low", 1)]
    con.execute("delete from child where c1 in ('mid', 'high')")
    assert con.execute(sql).fetchall() == []


def test_expressions_are_true_names_the_rule_each_row_breaks():
    con = duckdb.connect()
    con.execute("create table t (id integer, a integer, b integer)")
    con.execute("insert into t values (1, 1, 1), (2, 5, 1), (3, null, 1), (4, 1, 7)")
    rules = [
        {"description": "A is at most 2.", "expression": "a <= 2"},
        {"description": "B's rule (with a quote's ' in it).", "expression": "b = 1"},
    ]
    sql = render_test("expressions_are_true", model="t", rules=rules)
    failing = sorted(con.execute(sql).fetchall())
    # a null is not true: row 3 breaks the first rule
    assert failing == [
        ("A is at most 2.", 2, 5, 1),
        ("A is at most 2.", 3, None, 1),
        ("B's rule (with a quote's ' in it).", 4, 1, 7),
    ]
    con.execute("delete from t where id > 1")
    assert con.execute(sql).fetchall() == []


def test_unique_on_duckdb_names_each_repeated_value_as_dbt_does():
    """macros/tests/unique.sql replaces dbt's `unique` on DuckDB: same columns, same rows."""
    sql = str(generic_test_macros().duckdb__test_unique("t", "k"))
    con = duckdb.connect()
    con.execute("create table t (k varchar)")
    con.execute("insert into t values ('a'), ('b'), ('b'), ('c'), ('c'), ('c'), (null), (null)")
    assert sorted(con.execute(sql).fetchall()) == [("b", 2), ("c", 3)]
    assert [d[0] for d in con.execute(sql).description] == ["unique_field", "n_records"]
    con.execute("delete from t where k in ('b', 'c')")
    assert con.execute(sql).fetchall() == []  # nulls are not_null's business, as in dbt's test
