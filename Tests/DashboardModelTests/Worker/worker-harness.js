// Runs the worker's real function sources under node with a small stand-in for the App Services `context`
// (in-memory databases answering the calls the worker makes). Usage:
//   node worker-harness.js COLLECT.js READ.js FIXTURE.json STEP_MS LIMIT
// STEP_MS makes each Date.now() call advance the clock, so a small budget forces passes over several runs.
// Prints one JSON object: { runs, pages: [...], merged: {...} }.
const fs = require("fs");
const vm = require("vm");
const [collectPath, readPath, fixturePath, stepMsArg, limitArg] = process.argv.slice(2);
const fixture = JSON.parse(fs.readFileSync(fixturePath, "utf8"));
const stepMs = Number(stepMsArg || 0);
const limit = Number(limitArg || 1000);

let clock = Date.parse("2026-11-22T10:00:00Z");
class FakeDate extends Date {
  constructor(...a) { if (a.length) super(...a); else super(clock); }
  static now() { clock += stepMs; return clock; }
}

function matches(doc, filter) {
  return Object.entries(filter || {}).every(([k, v]) => {
    if (v && typeof v === "object" && v.$in) return v.$in.some((x) => x === doc[k]);
    return doc[k] === v;
  });
}

function makeCollection(store, dbName, name) {
  const key = dbName + "." + name;
  const spec = store.specs[key];
  store.docs[key] = store.docs[key] || [];
  const docs = () => store.docs[key];
  let nextId = 1;
  const cursor = (list) => {
    const c = { list: list.slice(),
      sort(s) { const [f, dir] = Object.entries(s)[0]; this.list.sort((a, b) => (a[f] < b[f] ? -1 : a[f] > b[f] ? 1 : 0) * dir); return this; },
      skip(n) { this.list = this.list.slice(n); return this; },
      limit(n) { this.list = this.list.slice(0, n); return this; },
      async toArray() { return this.list; } };
    return c;
  };
  return {
    aggregate(pipeline) {
      if (!pipeline[0].$collStats) throw new Error("unsupported pipeline");
      if (!spec) throw new Error("ns not found");
      if (spec.view) throw new Error("Namespace " + key + " is a view, not a collection");
      const shards = spec.shards || [spec];
      return { async toArray() { return shards.map((s) => ({ ns: key, storageStats: s })); } };
    },
    async findOne(filter, opts) {
      let list = docs().filter((d) => matches(d, filter));
      if (opts && opts.sort) list = cursor(list).sort(opts.sort).list;
      return list.length ? JSON.parse(JSON.stringify(list[0]), revive) : null;
    },
    async insertOne(doc) { docs().push(Object.assign({ _id: key + ":" + nextId++ }, JSON.parse(JSON.stringify(doc)))); },
    async updateOne(filter, update, opts) {
      const found = docs().find((d) => matches(d, filter));
      const set = JSON.parse(JSON.stringify(update.$set));
      if (found) Object.assign(found, set); else if (opts && opts.upsert) docs().push(Object.assign({}, filter, set));
    },
    find(filter) { return cursor(docs().filter((d) => matches(d, filter))); },
    async deleteMany(filter) { store.docs[key] = docs().filter((d) => !matches(d, filter)); },
  };
}

// Dates survive the JSON round trip of the fake store.
function revive(k, v) { return (k === "collectedAt" || k === "startedAt") && typeof v === "string" ? new FakeDate(v) : v; }

const clusters = {};
for (const c of fixture.clusters) {
  const store = { specs: {}, docs: {} };
  for (const [ns, spec] of Object.entries(c.namespaces)) store.specs[ns] = spec;
  clusters[c.dataSource] = {
    admin() { return { async getDBNames() { return c.databases.concat(["globetrotter"]); } }; },
    db(dbName) {
      return {
        async getCollectionNames() {
          return Object.keys(store.specs).filter((k) => k.startsWith(dbName + ".")).map((k) => k.slice(dbName.length + 1));
        },
        collection(name) { return makeCollection(store, dbName, name); },
      };
    },
  };
}
const context = { services: { get(name) { if (!clusters[name]) throw new Error("no service " + name); return clusters[name]; } } };
const dataSources = JSON.stringify(fixture.clusters.map((c) => ({ dataSource: c.dataSource, clusterName: c.clusterName })));

function load(path) {
  const source = fs.readFileSync(path, "utf8").replace("DATA_SOURCES = __DATA_SOURCES__", "DATA_SOURCES = " + dataSources);
  const sandbox = { context, exports: undefined, Date: FakeDate, console };
  vm.runInNewContext(source, sandbox, { filename: path });
  return sandbox.exports;
}

(async () => {
  const collect = load(collectPath);
  const read = load(readPath);
  let runs = 0;
  const completed = new Set();
  while (runs < 50 && completed.size < fixture.clusters.length) {
    const r = await collect({ budgetMs: fixture.budgetMs });
    runs++;
    for (const c of r.clusters) if (c.done) completed.add(c.dataSource);
  }
  const pages = [];
  let after = null;
  const merged = {};
  for (let i = 0; i < 100; i++) {
    const page = await read({ since: null, after, limit });
    pages.push({ next: page.next, counts: page.clusters.map((c) => [c.dataSource, c.namespaces.length, c.error]) });
    for (const c of page.clusters) {
      merged[c.dataSource] = merged[c.dataSource] || [];
      merged[c.dataSource].push(...c.namespaces);
    }
    if (!page.next) break;
    after = page.next;
  }
  const later = await read({ since: "2030-01-01T00:00:00Z", after: null, limit });
  process.stdout.write(JSON.stringify({ runs, pages, merged, unchangedSinceCount: later.clusters.reduce((n, c) => n + c.namespaces.length, 0) }));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
