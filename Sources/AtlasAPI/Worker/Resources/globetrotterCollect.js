// GlobeTrotter worker: globetrotterCollect (run as system, by a scheduled trigger or on demand).
// For each linked data source it walks every database (except admin, local, config) and collection
// (except views and system.*), reads `$collStats` storage stats, and writes ONE snapshot document per
// cluster and complete pass into `globetrotter.snapshots`. Progress lives in `globetrotter.progress`, and
// the function stops well inside App Services' 300 s limit, so a cluster with many thousands of
// collections is covered over several runs. `__DATA_SOURCES__` is replaced at deploy time with
// [{ "dataSource": "...", "clusterName": "..." }, ...].
const DATA_SOURCES = __DATA_SOURCES__;
const SKIP_DBS = ["admin", "local", "config"];
const OWN_DB = "globetrotter";
const SNAPSHOTS_KEPT = 3;

exports = async function (options) {
  const opts = options || {};
  const budgetMs = typeof opts.budgetMs === "number" ? opts.budgetMs : 240000;
  const started = Date.now();
  const report = [];
  const deadline = started + budgetMs;
  for (let i = 0; i < DATA_SOURCES.length; i++) {
    const source = DATA_SOURCES[i];
    // Each cluster gets a fair share of what is left, so a huge cluster cannot starve the others.
    const now = Date.now();
    const clusterDeadline = now + Math.max(0, deadline - now) / (DATA_SOURCES.length - i);
    try {
      report.push(await collectCluster(source, clusterDeadline));
    } catch (err) {
      // One unreadable cluster never stops the others.
      report.push({ dataSource: source.dataSource, done: false, error: String(err && err.message || err) });
    }
  }
  return { schema: 1, ranAt: new Date(), clusters: report };
};

async function collectCluster(source, deadline) {
  const client = context.services.get(source.dataSource);
  const own = client.db(OWN_DB);
  const progress = own.collection("progress");
  let pass = await progress.findOne({ _id: "pass" });
  if (!pass || pass.complete) {
    pass = { _id: "pass", startedAt: new Date(), after: null, namespaces: [], complete: false };
  }
  const names = await listNamespaces(client);
  let measured = 0;
  for (const ns of names) {
    const key = ns.db + "." + ns.collection;
    if (pass.after !== null && key <= pass.after) continue;
    // Always measure at least one namespace per run, so every pass makes progress.
    if (measured > 0 && Date.now() > deadline) break;
    const stats = await collStats(client, ns.db, ns.collection);
    if (stats) pass.namespaces.push(stats);
    pass.after = key;
    measured += 1;
  }
  const last = names.length ? names[names.length - 1].db + "." + names[names.length - 1].collection : null;
  const complete = last === null || pass.after === last;
  if (complete) {
    const snapshots = own.collection("snapshots");
    await snapshots.insertOne({
      clusterName: source.clusterName, dataSource: source.dataSource, startedAt: pass.startedAt,
      collectedAt: new Date(), complete: true, namespaces: pass.namespaces,
    });
    await pruneSnapshots(snapshots);
    pass.complete = true;
  }
  await progress.updateOne({ _id: "pass" }, { $set: pass }, { upsert: true });
  return { dataSource: source.dataSource, done: complete, measured: measured };
}

// Sorted so a pass can resume after the last namespace it measured.
async function listNamespaces(client) {
  const dbs = (await client.admin().getDBNames()).filter((d) => SKIP_DBS.indexOf(d) < 0 && d !== OWN_DB).sort();
  const out = [];
  for (const db of dbs) {
    const colls = (await client.db(db).getCollectionNames()).filter((c) => !c.startsWith("system.")).sort();
    for (const c of colls) out.push({ db: db, collection: c });
  }
  return out;
}

// `$collStats` storage stats only (never wiredTiger/indexDetails details). A sharded collection answers
// one document per shard: sum them. A view refuses `$collStats`: skip it.
async function collStats(client, db, collection) {
  let docs;
  try {
    docs = await client.db(db).collection(collection).aggregate([{ $collStats: { storageStats: {} } }]).toArray();
  } catch (err) {
    return null;
  }
  const out = { db: db, collection: collection, type: "collection", count: 0, size: 0, avgObjSize: 0,
    storageSize: 0, freeStorageSize: 0, totalIndexSize: 0, nindexes: 0 };
  for (const d of docs) {
    const s = d.storageStats || {};
    if (s.timeseries) out.type = "timeseries";
    out.count += num(s.count);
    out.size += num(s.size);
    out.storageSize += num(s.storageSize);
    out.freeStorageSize += num(s.freeStorageSize);
    out.totalIndexSize += num(s.totalIndexSize);
    out.nindexes = Math.max(out.nindexes, num(s.nindexes));
  }
  out.avgObjSize = out.count > 0 ? Math.round(out.size / out.count) : 0;
  return out;
}

async function pruneSnapshots(snapshots) {
  const old = await snapshots.find({ complete: true }, { _id: 1 }).sort({ collectedAt: -1 }).skip(SNAPSHOTS_KEPT).toArray();
  if (old.length) await snapshots.deleteMany({ _id: { $in: old.map((d) => d._id) } });
}

// Numbers may arrive as BSON Long/Int32/Double wrappers; coerce to a JS number.
function num(v) {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v.toNumber === "function") return v.toNumber();
  const n = Number(v);
  return isNaN(n) ? 0 : n;
}
