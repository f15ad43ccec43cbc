#!/usr/bin/python3
"""fixture_results -- a kyua-like results file for the self-tests.

  fixture_results.py DB N

N passed cases of mutex/t_mutex, each citing and passing MTX-001 (0: the
empty file an interrupted kyua run leaves).
"""

import sqlite3
import sys


def main():
    db, n = sys.argv[1], int(sys.argv[2])
    con = sqlite3.connect(db)
    con.executescript("""
CREATE TABLE test_programs (test_program_id INTEGER, relative_path TEXT);
CREATE TABLE test_cases (test_case_id INTEGER, test_program_id INTEGER, name TEXT, metadata_id INTEGER);
CREATE TABLE test_results (test_case_id INTEGER, result_type TEXT, result_reason TEXT);
CREATE TABLE metadatas (metadata_id INTEGER, property_name TEXT, property_value TEXT);
CREATE TABLE test_case_files (test_case_id INTEGER, file_name TEXT, file_id INTEGER);
CREATE TABLE files (file_id INTEGER, contents BLOB);
INSERT INTO test_programs VALUES (1, 'mutex/t_mutex');""")
    for i in range(n):
        con.execute("INSERT INTO test_cases VALUES (?, 1, ?, ?)", (i, "case%d" % i, i))
        con.execute("INSERT INTO test_results VALUES (?, 'passed', NULL)", (i,))
        con.execute("INSERT INTO metadatas VALUES (?, 'custom.rumpcheck-ids', 'MTX-001')", (i,))
    con.commit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
