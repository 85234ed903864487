"""The pandas baseline of bench/pgarrow: read a table with
pandas.read_sql_query through SQLAlchemy and psycopg2, then write it with
DataFrame.to_csv. Uses Debian's python3-pandas, python3-sqlalchemy and
python3-psycopg2.

    python3 pandas_export.py URL TABLE OUT.csv
"""
import sys
import time

import pandas as pd
import sqlalchemy


def main():
    url, table, out = sys.argv[1:4]
    engine = sqlalchemy.create_engine(url)
    start = time.time()
    with engine.connect() as conn:
        frame = pd.read_sql_query(sqlalchemy.text("SELECT * FROM " + table), conn)
    read = time.time() - start
    frame.to_csv(out, index=False)
    print(len(frame), read, time.time() - start)


if __name__ == "__main__":
    main()
