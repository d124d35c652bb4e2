"""Drives Python's MySQL clients against a Tessera FE: PyMySQL, mysqlclient (MySQLdb), SQLAlchemy
over each of them (inspect(), Core select with bound parameters, text with parameters) and
pandas.read_sql. Prints one line per operation:

    <client>.<operation>\tOK\t<value as JSON>   or   <client>.<operation>\tFAIL\t<error>

The Java test (ClientMatrixTest) starts the cluster, loads the table and checks every line.
Usage: python3 python_clients.py <host> <port> <database> <table>
"""
import datetime
import decimal
import json
import sys
import warnings

import MySQLdb
import pymysql
import sqlalchemy
from sqlalchemy import MetaData, Table, create_engine, inspect, select, text

HOST, PORT, DATABASE, TABLE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def plain(value):
    """JSON for what the drivers return: Decimal, date and tuple values as text and lists."""
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (decimal.Decimal, datetime.date, datetime.datetime)):
        return str(value)
    return value


def step(name, action):
    try:
        print(f"{name}\tOK\t{json.dumps(plain(action()), sort_keys=True)}", flush=True)
    except Exception as error:  # every failure is a line of the matrix, not a crash of the script
        first_line = str(error).splitlines()[0] if str(error) else ""
        print(f"{name}\tFAIL\t{type(error).__name__}: {first_line}", flush=True)


def dbapi_steps(prefix, connect):
    connection = connect()
    cursor = connection.cursor()

    def fetch(sql, parameters=None):
        cursor.execute(sql, parameters)
        return cursor.fetchall()

    step(prefix + ".select", lambda: fetch(f"SELECT id, city, amount, placed FROM {TABLE} WHERE id < 100 ORDER BY id"))
    step(prefix + ".bound_parameters",
         lambda: fetch(f"SELECT id FROM {TABLE} WHERE city = %s AND amount > %s ORDER BY id", ("Oslo", 1)))
    step(prefix + ".description", lambda: [column[0] for column in
                                           (cursor.execute(f"SELECT id, city FROM {TABLE} LIMIT 1"),
                                            cursor.description)[1]])
    step(prefix + ".rollback_without_transaction", lambda: connection.rollback())

    def transaction():
        cursor.execute("BEGIN")
        cursor.execute(f"INSERT INTO {TABLE} VALUES (200, 'Lima', 2.00, '2026-06-07')")
        connection.commit()
        return fetch(f"SELECT count(*) FROM {TABLE} WHERE id = 200")

    step(prefix + ".begin_insert_commit", transaction)
    cursor.execute(f"SELECT 1")
    cursor.fetchall()
    connection.close()


def sqlalchemy_steps(driver):
    prefix = "sqlalchemy_" + driver
    url = f"mysql+{driver}://root:@{HOST}:{PORT}/{DATABASE}"
    engine = create_engine(url, future=True)
    with warnings.catch_warnings():
        # SQLAlchemy warns about the Doris clauses it cannot parse in SHOW CREATE TABLE, as it does against Doris.
        warnings.simplefilter("ignore", sqlalchemy.exc.SAWarning)
        inspector = inspect(engine)
        step(prefix + ".schemas", lambda: DATABASE in inspector.get_schema_names())
        step(prefix + ".tables", lambda: inspector.get_table_names())
        step(prefix + ".has_table", lambda: [inspector.has_table(TABLE), inspector.has_table("no_such_table")])
        step(prefix + ".columns", lambda: [[column["name"], str(column["type"]), column["nullable"]]
                                           for column in inspector.get_columns(TABLE)])
        step(prefix + ".primary_key", lambda: inspector.get_pk_constraint(TABLE)["constrained_columns"])
        step(prefix + ".indexes", lambda: inspector.get_indexes(TABLE))

        def core_select():
            table = Table(TABLE, MetaData(), autoload_with=engine)
            statement = select(table.c.id, table.c.amount).where(table.c.city == "Oslo").order_by(table.c.id)
            with engine.connect() as connection:
                return [list(row) for row in connection.execute(statement).all()]

        step(prefix + ".core_select", core_select)

    def text_with_parameters():
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {TABLE} WHERE amount > :amount"),
                                      {"amount": 8}).scalar()

    step(prefix + ".text_bound", text_with_parameters)

    def orm_style_transaction():
        with engine.begin() as connection:
            connection.execute(text(f"INSERT INTO {TABLE} VALUES (:id, 'Kyiv', 3.00, '2026-07-08')"),
                               {"id": 300 if driver == "pymysql" else 301})
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT count(*) FROM {TABLE} WHERE city = 'Kyiv'")).scalar() > 0

    step(prefix + ".engine_begin_commit", orm_style_transaction)
    engine.dispose()


def pandas_steps():
    try:
        import pandas
    except ImportError as error:
        step("pandas.read_sql", lambda: (_ for _ in ()).throw(error))
        return
    # pandas 1.5 (Debian 12) takes a SQLAlchemy 1.4 engine in its default (non-future) mode.
    engine = create_engine(f"mysql+pymysql://root:@{HOST}:{PORT}/{DATABASE}")
    step("pandas.read_sql", lambda: pandas.read_sql(
        f"SELECT city, count(*) AS n FROM {TABLE} WHERE id < 100 GROUP BY city ORDER BY city",
        engine).to_dict("records"))
    step("pandas.version", lambda: pandas.__version__)
    engine.dispose()


step("versions", lambda: {"pymysql": pymysql.__version__, "mysqlclient": ".".join(map(str, MySQLdb.version_info[:3])),
                          "sqlalchemy": sqlalchemy.__version__})
dbapi_steps("pymysql", lambda: pymysql.connect(host=HOST, port=PORT, user="root", password="", database=DATABASE))
dbapi_steps("mysqlclient", lambda: MySQLdb.connect(host=HOST, port=PORT, user="root", passwd="", db=DATABASE))
sqlalchemy_steps("pymysql")
sqlalchemy_steps("mysqldb")
pandas_steps()
