#!/usr/bin/env python3
"""The SQLite FTS5 and Xapian sides of benchsuite/compare, run by Debian's python3 (its
python3-xapian and libsqlite3): build an index from {"id","text"} JSON Lines, or time warm top-10
searches with snippets. `compare` runs it as

  peers.py build-sqlite DB DOCS.jsonl
  peers.py build-xapian DB DOCS.jsonl
  peers.py latency sqlite|xapian DB QUERIES.json ITERATIONS   -> {"hits": [...], "samples_us": [[...]]}
"""
import os

# The snippet widths compare.py reports with (rostra's default passage width; FTS5 counts tokens).
SNIPPET_CHARS = int(os.environ.get("SNIPPET_CHARS", "240"))
SQLITE_SNIPPET_TOKENS = int(os.environ.get("SQLITE_SNIPPET_TOKENS", "40"))
import json, sqlite3, sys, time

def docs(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            yield d["id"], d["text"]

def build_sqlite(db, path):
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, text, tokenize='porter unicode61')")
    with con:  # one transaction
        con.executemany("INSERT INTO p(id, text) VALUES (?, ?)", docs(path))
    con.close()

def build_xapian(db, path):
    import xapian
    w = xapian.WritableDatabase(db, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    for pid, text in docs(path):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)  # with positions, stemmed and unstemmed terms
        doc.set_data(text)
        doc.add_boolean_term("Q" + pid)
        w.add_document(doc)
    w.commit()
    w.close()

def searcher(engine, db):
    """(top-10 with snippets, exact match count) for one query string."""
    if engine == "sqlite":
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        top = ("SELECT id, snippet(p, 1, '[', ']', '…', %d) FROM p WHERE p MATCH ? "
               "ORDER BY rank LIMIT 10" % SQLITE_SNIPPET_TOKENS)
        def search(q):
            return con.execute(top, (q,)).fetchall()
        def count(q):
            return con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (q,)).fetchone()[0]
        return search, count
    import xapian
    d = xapian.Database(db)
    stem = xapian.Stem("english")
    qp = xapian.QueryParser()
    qp.set_stemmer(stem)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(d)
    qp.set_default_op(xapian.Query.OP_AND)
    enq = xapian.Enquire(d)
    def search(q):
        enq.set_query(qp.parse_query(q))
        mset = enq.get_mset(0, 10)
        return [mset.snippet(m.document.get_data(), SNIPPET_CHARS, stem) for m in mset]
    def count(q):
        enq.set_query(qp.parse_query(q))
        return enq.get_mset(0, 0, d.get_doccount()).get_matches_estimated()
    return search, count

def latency(engine, db, qfile, iters):
    queries = json.load(open(qfile, encoding="utf-8"))
    search, count = searcher(engine, db)
    hits = [count(q) for q in queries]
    for q in queries:  # warm-up pass
        search(q)
    samples = [[] for _ in queries]
    for _ in range(iters):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            search(q)
            samples[i].append((time.perf_counter() - t) * 1e6)
    print(json.dumps({"hits": hits, "samples_us": samples}))

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "build-sqlite":
        build_sqlite(sys.argv[2], sys.argv[3])
    elif cmd == "build-xapian":
        build_xapian(sys.argv[2], sys.argv[3])
    elif cmd == "latency":
        latency(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
