// GlobeTrotter worker: globetrotterRead (run as system; the manager calls it through the Admin API's
// execute-function endpoint, so nothing is measured at read time and no inbound port is needed).
// Argument: { since: ISO date | null, after: cursor | null, limit: N }. Returns one page of the newest
// complete snapshot of every linked cluster:
// { schema: 1, collectedAt, next: cursor | null, clusters: [{ dataSource, clusterName, error, namespaces }] }
// The cursor is "<dataSource>/<db>.<collection>" of the last namespace returned; the manager treats it as
// opaque and passes it back as `after`.
const DATA_SOURCES = __DATA_SOURCES__;

exports = async function (arg) {
  const a = arg || {};
  const limit = Math.max(1, Math.min(typeof a.limit === "number" ? a.limit : 1000, 5000));
  const since = a.since ? new Date(a.since) : null;
  const after = parseCursor(a.after);
  const clusters = [];
  let remaining = limit;
  let next = null;
  let newest = null;
  let skipping = after !== null;
  for (const source of DATA_SOURCES) {
    if (skipping && source.dataSource !== after.dataSource) continue;
    const entry = { dataSource: source.dataSource, clusterName: source.clusterName, error: null, namespaces: [] };
    if (remaining === 0) {
      // The page is full: the next page starts at this cluster.
      if (next === null) next = source.dataSource + "/";
      break;
    }
    try {
      const snap = await context.services.get(source.dataSource).db("globetrotter").collection("snapshots")
        .findOne({ complete: true }, { sort: { collectedAt: -1 } });
      if (snap && (!since || snap.collectedAt > since)) {
        if (!newest || snap.collectedAt > newest) newest = snap.collectedAt;
        const all = snap.namespaces.slice().sort(byKey);
        let start = 0;
        if (skipping) {
          start = after.key === "" ? 0 : all.findIndex((n) => key(n) > after.key);
          if (start < 0) start = all.length;
        }
        const page = all.slice(start, start + remaining);
        entry.namespaces = page;
        remaining -= page.length;
        if (start + page.length < all.length) next = source.dataSource + "/" + key(page[page.length - 1] || all[start - 1] || { db: "", collection: "" });
      }
    } catch (err) {
      entry.error = String(err && err.message || err);
    }
    skipping = false;
    clusters.push(entry);
    if (next !== null) break;
  }
  return { schema: 1, collectedAt: newest, next: next, clusters: clusters };
};

function key(n) { return n.db + "." + n.collection; }
function byKey(a, b) { return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0; }
function parseCursor(c) {
  if (!c) return null;
  const slash = c.indexOf("/");
  if (slash < 0) return { dataSource: DATA_SOURCES.length ? DATA_SOURCES[0].dataSource : "", key: c };
  return { dataSource: c.slice(0, slash), key: c.slice(slash + 1) };
}
