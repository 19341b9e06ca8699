/**
 * PostgresStore: page latency along a 1,000,000-item thread on real PostgreSQL (cursors remembered and
 * not seen), writes against the hand-written statements, the plan of the page
 * statement, and the store against a hand-written keyset SELECT on the same table in the same run; then
 * the same walk on pg-mem at a size it can handle. Run by bench/index.ts (`npm run bench`), or alone:
 *   node --import tsx bench/postgres.ts
 *
 * PostgreSQL: DATABASE_URL, or a throwaway cluster from /usr/lib/postgresql/<v>/bin (as the tests do).
 * Without either, the real part is skipped with a loud message. CHATKIT_BENCH_PG_ITEMS changes the size.
 */
import pg from "pg";
import { createPgMemStore, PostgresStore, type PostgresClient } from "../src/postgres/index.js";
import { resolveNames } from "../src/postgres/names.js";
import { buildStatements } from "../src/postgres/statements.js";
import { timestampMicros } from "../src/model/timestamp.js";
import { findPostgresBin, startCluster, type Cluster } from "../test/setup/postgres.js";

const THREAD = "thr_bench";
const SCOPE = "bench";
const LIMIT = 20;
const T0 = timestampMicros("2026-01-01T00:00:00Z");
const PG_ITEMS = Number(process.env.CHATKIT_BENCH_PG_ITEMS ?? 1_000_000);
const MEM_ITEMS = 5_000;

type Row = [string, string, string, string, string];
const now = () => performance.now();
const fmt = (x: number, digits = 2) => x.toFixed(digits);
const pass = (ok: boolean) => (ok ? "PASS" : "FAIL");

function table(rows: Row[]): string {
  const header: Row = ["measure", "n", "value", "target", "result"];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Item i: two items per millisecond (ties broken by seq), an assistant message of one sentence. */
const itemId = (i: number) => `msg_${String(i).padStart(8, "0")}`;

/** Median latency (ms) of `fn` over `rounds` rounds of `calls` calls, after one warm-up round. */
async function latency(calls: number, rounds: number, fn: (k: number) => Promise<unknown>): Promise<number> {
  const per: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const t = now();
    for (let k = 0; k < calls; k++) await fn(k);
    if (r >= 0) per.push((now() - t) / calls);
  }
  return median(per);
}

/**
 * Times each of `calls` back to back, `perRound` calls each, for `rounds` rounds after a warm-up round.
 * @returns the median ms per call of each, and the median over rounds of slowest / fastest
 */
async function alongside(calls: (() => Promise<unknown>)[], perRound: number, rounds: number): Promise<{ ms: number[]; spread: number }> {
  const times: number[][] = calls.map(() => []);
  const spreads: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const round: number[] = new Array(calls.length);
    // Which call goes first rotates round by round, so that no call always pays for the one before it.
    for (let step = 0; step < calls.length; step++) {
      const i = (step + Math.max(r, 0)) % calls.length;
      const t = now();
      for (let k = 0; k < perRound; k++) await calls[i]!();
      round[i] = (now() - t) / perRound;
      if (r >= 0) times[i]!.push(round[i]!);
    }
    if (r >= 0) spreads.push(Math.max(...round) / Math.min(...round));
  }
  return { ms: times.map(median), spread: median(spreads) };
}

/**
 * Times calls one at a time in turn (call 0, call 1, …, then again, the first of each turn rotating), so
 * that every call meets the same database state and the same load from other processes: what a block of
 * calls leaves behind (WAL, a busy connection, dirty pages) is not billed to the next block.
 * @returns the median over `rounds` rounds (after a warm-up round) of each call's mean ms
 */
async function turns(calls: (() => Promise<unknown>)[], perRound: number, rounds: number): Promise<number[]> {
  const times: number[][] = calls.map(() => []);
  for (let r = -1; r < rounds; r++) {
    const sums = calls.map(() => 0);
    for (let k = 0; k < perRound; k++) {
      for (let step = 0; step < calls.length; step++) {
        const i = (step + k) % calls.length;
        const t = now();
        await calls[i]!();
        sums[i]! += now() - t;
      }
    }
    if (r >= 0) sums.forEach((sum, i) => times[i]!.push(sum / perRound));
  }
  return times.map(median);
}

// ---------------------------------------------------------------- real PostgreSQL

async function realPostgres(rows: Row[], notes: string[]): Promise<void> {
  let cluster: Cluster | null = null;
  let url = process.env.DATABASE_URL ?? null;
  if (!url) {
    const bin = findPostgresBin();
    if (!bin) {
      console.log(
        [
          "",
          "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
          "! bench/postgres: REAL POSTGRESQL PART SKIPPED: no DATABASE_URL and no PostgreSQL binaries  !",
          "! (/usr/lib/postgresql/*/bin/initdb). Only the pg-mem walk below was measured.             !",
          "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        ].join("\n"),
      );
      rows.push(["PostgreSQL", "-", "skipped: no server", "-", "SKIP"]);
      return;
    }
    cluster = await startCluster(bin);
    url = cluster.url;
    notes.push(`PostgreSQL: throwaway cluster from ${bin} (fsync off)`);
  } else notes.push("PostgreSQL: DATABASE_URL");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", () => undefined);
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    const version = await pool.query("SHOW server_version");
    notes.push(`server ${version.rows[0].server_version}`);
    const store = new PostgresStore({ client: pool, schema });
    await store.migrate();
    const t = store.tableNames;
    await store.saveThread({ id: THREAD, created_at: "2026-01-01T00:00:00Z" }, SCOPE);

    // Bulk load in one statement per 250k rows (generate_series), then ANALYZE.
    const loadStarted = now();
    for (let from = 0; from < PG_ITEMS; from += 250_000) {
      const to = Math.min(PG_ITEMS, from + 250_000) - 1;
      await pool.query(
        `INSERT INTO ${t.items} (scope, thread_id, id, created_micros, data)
         SELECT $1, $2, 'msg_' || lpad(g::text, 8, '0'), $3::bigint + (g / 2) * 1000,
                json_build_object('type', 'assistant_message', 'id', 'msg_' || lpad(g::text, 8, '0'), 'thread_id', $2::text,
                  'created_at', to_char(to_timestamp(($3::bigint + (g / 2) * 1000) / 1e6) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  'content', json_build_array(json_build_object('type', 'output_text', 'text', 'Answer number ' || g || ' about the weather, the order and the next steps.', 'annotations', json_build_array()))
                )::text
         FROM generate_series($4::int, $5::int) g`,
        [SCOPE, THREAD, T0.toString(), from, to],
      );
    }
    await pool.query(`ANALYZE ${t.items}`);
    const loadSeconds = (now() - loadStarted) / 1000;
    notes.push(`loaded ${PG_ITEMS.toLocaleString("en-US")} items in ${fmt(loadSeconds, 1)} s (generate_series, 250k rows per INSERT)`);

    const positions = [
      ["first page", null],
      ["middle page", itemId(Math.floor(PG_ITEMS / 2))],
      ["last page", itemId(PG_ITEMS - LIMIT - 1)],
    ] as const;

    // (a) latency along the thread, with the cursor's position remembered (a walk) and not (a cursor from
    // elsewhere). The positions are timed back to back in each round, so that load from other processes
    // hits them alike; flatness is the median over rounds of slowest / fastest.
    const warmCalls = positions.map(([, cursor]) => () => store.loadThreadItems(THREAD, cursor, LIMIT, "asc", SCOPE));
    // A cursor this store has not seen: each call asks for a page after a different, earlier item (what a
    // second server instance, or a client that kept a cursor, asks for).
    const coldStore = new PostgresStore({ client: pool, schema });
    const coldCalls = positions.slice(1).map(([, cursor]) => {
      const base = Number(cursor!.slice(4));
      let k = 0;
      return () => coldStore.loadThreadItems(THREAD, itemId(base - ++k), LIMIT, "asc", SCOPE);
    });
    const warm = await alongside(warmCalls, 100, 9);
    const cold = await alongside(coldCalls, 100, 9);
    for (const [i, [label]] of positions.entries()) {
      rows.push([`(a) ${label}, asc, limit 20`, PG_ITEMS.toLocaleString("en-US"), `${fmt(warm.ms[i]!, 3)} ms`, "flat", "-"]);
    }
    for (const [i, [label]] of positions.slice(1).entries()) {
      rows.push([`(a) ${label}, cursor not remembered`, PG_ITEMS.toLocaleString("en-US"), `${fmt(cold.ms[i]!, 3)} ms`, "flat", "-"]);
    }
    rows.push(["(a) flat: slowest / fastest page", PG_ITEMS.toLocaleString("en-US"), `${fmt(warm.spread)}×`, "≤ 2×", pass(warm.spread <= 2)]);
    rows.push(["(a) flat, not remembered: slowest / fastest", PG_ITEMS.toLocaleString("en-US"), `${fmt(cold.spread)}×`, "≤ 2×", pass(cold.spread <= 2)]);

    // (b) the plan of the page statement at the middle of the thread.
    const sql = buildStatements(resolveNames("bench", { schema }));
    const at = await pool.query(sql.itemPosition, [SCOPE, THREAD, itemId(Math.floor(PG_ITEMS / 2))]);
    const { created_micros: micros, seq } = at.rows[0] as { created_micros: string; seq: string };
    const explain = async (text: string, values: unknown[]) =>
      (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) ${text}`, values)).rows.map((r: Record<string, string>) => r["QUERY PLAN"]!);
    const pagePlan = await explain(sql.itemsFrom.asc, [SCOPE, THREAD, itemId(Math.floor(PG_ITEMS / 2)), micros, seq, LIMIT + 2]);
    const lookupPlan = await explain(sql.itemPosition, [SCOPE, THREAD, itemId(Math.floor(PG_ITEMS / 2))]);
    const descPlan = await explain(sql.itemsFrom.desc, [SCOPE, THREAD, itemId(Math.floor(PG_ITEMS / 2)), micros, seq, LIMIT + 2]);
    const indexScan = (plan: string[]) => plan.some((l) => /Index Scan( Backward)? using "?\w*items_order/.test(l)) && !plan.some((l) => /\bSort\b/.test(l));
    rows.push(["(b) page plan: index scan, no sort (asc, desc)", PG_ITEMS.toLocaleString("en-US"), `${indexScan(pagePlan)}, ${indexScan(descPlan)}`, "true", pass(indexScan(pagePlan) && indexScan(descPlan))]);

    // (c) the store against a hand-written keyset SELECT on the same table, walking the same 300 pages.
    const hand = `SELECT id, data, created_micros, seq FROM ${t.items} WHERE scope = $1 AND thread_id = $2 AND (created_micros, seq) > ($3, $4) ORDER BY created_micros, seq LIMIT $5`;
    const start = itemId(Math.floor(PG_ITEMS / 2));
    const pages = 300;
    // Both walks advance together, one page each in turn (which goes first alternates), each call timed on
    // its own: load from other processes on this machine then hits both alike. Both see the same rows.
    const walkBoth = async (): Promise<{ store: number; hand: number }> => {
      let after: string | null = start;
      let key = [micros, seq];
      let storeMs = 0;
      let handMs = 0;
      for (let p = 0; p < pages; p++) {
        const storePage = async () => {
          const t0 = now();
          const page = await store.loadThreadItems(THREAD, after, LIMIT, "asc", SCOPE);
          storeMs += now() - t0;
          after = page.after;
          return page.data.map((d) => d.id);
        };
        const handPage = async () => {
          const t0 = now();
          const r = await pool.query(hand, [SCOPE, THREAD, key[0], key[1], LIMIT + 1]);
          const data = r.rows.slice(0, LIMIT).map((row: { data: string }) => JSON.parse(row.data) as { id: string });
          handMs += now() - t0;
          const last = r.rows[LIMIT - 1] as { created_micros: string; seq: string };
          key = [last.created_micros, last.seq];
          return data.map((d) => d.id);
        };
        let storeIds: string[];
        let handIds: string[];
        if (p % 2 === 0) {
          storeIds = await storePage();
          handIds = await handPage();
        } else {
          handIds = await handPage();
          storeIds = await storePage();
        }
        if (storeIds.join() !== handIds.join()) throw new Error("bench/postgres: the store and the hand-written SELECT returned different pages");
      }
      return { store: storeMs / pages, hand: handMs / pages };
    };
    const storeTimes: number[] = [];
    const handTimes: number[] = [];
    const ratios: number[] = [];
    await walkBoth(); // warm-up
    for (let r = 0; r < 11; r++) {
      const t = await walkBoth();
      storeTimes.push(t.store);
      handTimes.push(t.hand);
      ratios.push(t.store / t.hand);
    }
    const ratio = median(ratios);
    rows.push([
      "(c) walk: store / hand-written keyset SELECT",
      `${pages} pages`,
      `${fmt(ratio)}× (${fmt(median(storeTimes), 3)} ms / ${fmt(median(handTimes), 3)} ms per page)`,
      "≤ 1.5×",
      pass(ratio <= 1.5),
    ]);

    // (d) a cursor the store has not seen, against the hand-written keyset SELECT that resolves the cursor
    // id in SQL (what a hand-written store runs for any cursor), interleaved call by call; round trips
    // counted. Like for like: both as named prepared statements (the store's default on node-postgres;
    // the counting wrapper is not node-postgres, so `prepare: true` says so), and both unprepared.
    let roundTrips = 0;
    const counting: PostgresClient = { query: (text, values) => (roundTrips++, pool.query(text as string, values as unknown[])) };
    const unseen = new PostgresStore({ client: counting, schema, prepare: true });
    const unseenPlain = new PostgresStore({ client: counting, schema, prepare: false });
    await unseen.loadThreadItems(THREAD, null, 1, "asc", SCOPE); // its one-time schema check
    await unseenPlain.loadThreadItems(THREAD, null, 1, "asc", SCOPE);
    const handCold =
      `SELECT id, data, created_micros, seq FROM ${t.items} WHERE scope = $1 AND thread_id = $2 AND (created_micros, seq) > ` +
      `(SELECT created_micros, seq FROM ${t.items} WHERE scope = $1 AND thread_id = $2 AND id = $3) ORDER BY created_micros, seq LIMIT $4`;
    const parse = (r: pg.QueryResult) => r.rows.map((row: { data: string }) => JSON.parse(row.data) as unknown);
    const middle = Math.floor(PG_ITEMS / 2);
    // Each call pages after a different item of its own stretch of the thread: no cursor repeats.
    const stretch = (n: number) => {
      let k = 0;
      return () => itemId(middle - 40_000 + n * 10_000 + (++k % 9_000));
    };
    const [c0, c1, c2, c3, c4] = [0, 1, 2, 3, 4].map(stretch) as [() => string, () => string, () => string, () => string, () => string];
    let storeCalls = 0;
    roundTrips = 0;
    const coldVsHand = await turns(
      [
        () => (storeCalls++, unseen.loadThreadItems(THREAD, c0(), LIMIT, "asc", SCOPE)),
        () => pool.query({ name: "bench_hand_cold", text: handCold, values: [SCOPE, THREAD, c1(), LIMIT + 1] }).then(parse),
        () => (storeCalls++, unseenPlain.loadThreadItems(THREAD, c2(), LIMIT, "asc", SCOPE)),
        () => pool.query(handCold, [SCOPE, THREAD, c3(), LIMIT + 1]).then(parse),
        // A new store per page: what a cursor costs on a store made per request (the schema check included).
        () => new PostgresStore({ client: pool, schema }).loadThreadItems(THREAD, c4(), LIMIT, "asc", SCOPE),
      ],
      100,
      11,
    );
    const coldPerPage = roundTrips / storeCalls;
    const [unseenMs, coldHand, plainStore, plainHand, perRequest] = coldVsHand as [number, number, number, number, number];
    for (const [label, store, hand] of [
      ["(d) cursor not seen: store / hand-written SELECT, prepared", unseenMs, coldHand],
      ["(d) cursor not seen: the same, both unprepared", plainStore, plainHand],
    ] as const) {
      const ratio = store / hand;
      rows.push([label, "1 page", `${fmt(ratio)}× (${fmt(store, 3)} ms / ${fmt(hand, 3)} ms), ${fmt(coldPerPage, 1)} round trips`, "≤ 1.2×, 1 round trip", pass(ratio <= 1.2 && coldPerPage === 1)]);
    }
    rows.push(["(d) a new store per page / hand-written, prepared", "1 page", `${fmt(perRequest / coldHand)}× (${fmt(perRequest, 3)} ms; + the store's one-time schema check)`, "-", "-"]);

    // (e) writes against the hand-written statement doing the same work, interleaved, on one connection
    // (calls one after another) and on eight (eight calls in flight on a pool of eight), both prepared.
    await store.saveThread({ id: "thr_w", created_at: "2026-01-01T00:00:00Z" }, SCOPE);
    const handUpsert = `INSERT INTO ${t.items} (scope, thread_id, id, created_micros, data) VALUES ($1, $2, $3, $4::bigint, $5) ON CONFLICT (scope, thread_id, id) DO UPDATE SET data = EXCLUDED.data`;
    const handThread = `INSERT INTO ${t.threads} (scope, id, created_micros, data) VALUES ($1, $2, $3::bigint, $4) ON CONFLICT (scope, id) DO UPDATE SET created_micros = EXCLUDED.created_micros, data = EXCLUDED.data`;
    let w = 0;
    const newItem = (prefix: string) => ({ type: "assistant_message" as const, id: `${prefix}_${++w}`, thread_id: "thr_w", created_at: "2026-01-01T00:00:01.000001Z", content: [{ type: "output_text" as const, text: "A reply of one sentence.", annotations: [] }] });
    const handItem = (db: pg.Pool, prefix: string) => () => {
      const item = newItem(prefix);
      return db.query({ name: "bench_hand_item", text: handUpsert, values: [SCOPE, "thr_w", item.id, (T0 + 1_000_001n).toString(), JSON.stringify(item)] });
    };
    // Each store call is compared with the hand-written call next to it in the turn.
    const writeCalls = (db: pg.Pool, writer: PostgresStore) => [
      () => writer.addThreadItem("thr_w", newItem("s"), SCOPE),
      handItem(db, "h"),
      () => writer.saveItem("thr_w", newItem("v"), SCOPE),
      handItem(db, "g"),
      () => writer.saveThread({ id: `thr_s${++w}`, created_at: "2026-01-01T00:00:00Z" }, SCOPE),
      () => db.query({ name: "bench_hand_thread", text: handThread, values: [SCOPE, `thr_h${++w}`, T0.toString(), JSON.stringify({ id: `thr_h${w}`, created_at: "2026-01-01T00:00:00Z" })] }),
    ];
    const one = new pg.Pool({ connectionString: url, max: 1 });
    const eight = new pg.Pool({ connectionString: url, max: 8 });
    one.on("error", () => undefined);
    eight.on("error", () => undefined);
    try {
      const oneStore = new PostgresStore({ client: one, schema });
      const eightStore = new PostgresStore({ client: eight, schema });
      const inFlight = (call: () => Promise<unknown>) => () => Promise.all(Array.from({ length: 8 }, call));
      for (const [connections, calls, perRound] of [
        ["1 connection", writeCalls(one, oneStore), 100],
        // Eight calls per step: the figure is ms per eight writes, compared as throughput alike.
        ["8 connections", writeCalls(eight, eightStore).map(inFlight), 40],
      ] as const) {
        const writes = await turns([...calls], perRound, 21);
        const [add, handAdd, save, handSave, thread, handSaveThread] = writes as [number, number, number, number, number, number];
        for (const [label, ms, baseline] of [
          ["(e) addThreadItem / hand-written upsert", add, handAdd],
          ["(e) saveItem / hand-written upsert", save, handSave],
          ["(e) saveThread / hand-written upsert", thread, handSaveThread],
        ] as const) {
          const throughput = baseline / ms; // calls per second, relative
          rows.push([label, connections, `${fmt(throughput)}× throughput (${fmt(ms, 3)} ms / ${fmt(baseline, 3)} ms)`, "≥ 0.9×", pass(throughput >= 0.9)]);
        }
      }
    } finally {
      await one.end();
      await eight.end();
    }

    console.log("\nEXPLAIN of the page statement, asc, cursor at the middle (cursor position looked up first):\n");
    console.log(pagePlan.map((l) => `    ${l}`).join("\n"));
    console.log("\nEXPLAIN of the cursor position lookup:\n");
    console.log(lookupPlan.map((l) => `    ${l}`).join("\n"));
    console.log("\nEXPLAIN of the page statement, desc:\n");
    console.log(descPlan.map((l) => `    ${l}`).join("\n"));
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
    cluster?.stop();
  }
}

// ---------------------------------------------------------------- pg-mem

async function pgMem(rows: Row[]): Promise<void> {
  const store = await createPgMemStore<string>();
  await store.saveThread({ id: THREAD, created_at: "2026-01-01T00:00:00Z" }, SCOPE);
  const client: PostgresClient = store.client;
  const started = now();
  for (let from = 0; from < MEM_ITEMS; from += 500) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = from; i < Math.min(MEM_ITEMS, from + 500); i++) {
      const micros = T0 + BigInt(Math.floor(i / 2) * 1000);
      const value = { type: "end_of_turn", id: itemId(i), thread_id: THREAD, created_at: "2026-01-01T00:00:00Z" };
      params.push(SCOPE, THREAD, itemId(i), micros.toString(), JSON.stringify(value));
      const b = params.length - 5;
      values.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::bigint, $${b + 5})`);
    }
    await client.query(`INSERT INTO ${store.tableNames.items} (scope, thread_id, id, created_micros, data) VALUES ${values.join(", ")}`, params);
  }
  const loadMs = now() - started;
  const positions = [
    ["first page", null],
    ["middle page", itemId(MEM_ITEMS / 2)],
    ["last page", itemId(MEM_ITEMS - LIMIT - 1)],
  ] as const;
  const ms: number[] = [];
  for (const [label, cursor] of positions) {
    const t = await latency(5, 3, () => store.loadThreadItems(THREAD, cursor, LIMIT, "asc", SCOPE));
    ms.push(t);
    rows.push([`(f) pg-mem ${label}, asc, limit 20`, MEM_ITEMS.toLocaleString("en-US"), `${fmt(t, 1)} ms`, "-", "-"]);
  }
  const t0 = now();
  let after: string | null = null;
  let seen = 0;
  do {
    const page = await store.loadThreadItems(THREAD, after, LIMIT, "asc", SCOPE);
    seen += page.data.length;
    after = page.after;
  } while (after !== null);
  const walkMs = now() - t0;
  rows.push([
    "(f) pg-mem full walk, limit 20",
    MEM_ITEMS.toLocaleString("en-US"),
    `${fmt(walkMs / 1000, 1)} s (${seen} rows, ${fmt(walkMs / (MEM_ITEMS / LIMIT), 1)} ms/page; load ${fmt(loadMs / 1000, 1)} s)`,
    "every row once",
    pass(seen === MEM_ITEMS),
  ]);
}

export async function main(): Promise<boolean> {
  console.log("\n## PostgresStore\n");
  const started = now();
  const rows: Row[] = [];
  const notes: string[] = [];
  await realPostgres(rows, notes);
  await pgMem(rows);
  console.log(`\n${table(rows)}`);
  console.log(
    [
      "",
      "(a) loadThreadItems(thread, cursor, 20, \"asc\"): 9 rounds (after a warm-up round) of 100 calls per position,",
      "    positions back to back; median per call; flat = median over rounds of slowest / fastest. One pg.Pool on",
      "    127.0.0.1. Remembered: the store has seen the cursor (as a page's `after`, or resolved it), so one",
      "    statement runs (src/postgres/positions.ts). Not remembered: one store, a different cursor each call,",
      "    resolved inside the page statement (one statement, the position as an InitPlan).",
      "(b) EXPLAIN (ANALYZE) of the page statement with the middle cursor's position: an index scan on",
      "    (scope, thread_id, created_micros, seq) that stops after 22 rows, with no Sort node.",
      "(c) 300 consecutive pages from the middle, 11 rounds after a warm-up. Store and hand-written walks advance",
      "    together, one page each in turn, each call timed alone; value = median of the per-round ratios (then the",
      "    median ms per page of each).",
      "    Hand-written: a row-value keyset SELECT that already knows the last row's (created_micros, seq) and",
      "    JSON.parses the data; the store also checks each record (envelope) and resolves an id cursor.",
      "(d) a cursor the store has not seen (each call a different one), against a hand-written SELECT that resolves",
      "    the cursor id in a subquery, like for like: both named prepared statements (the store's default on",
      "    node-postgres), then both unprepared. Calls are timed one at a time in turns (store, hand, store, …), 11",
      "    rounds of 100 after a warm-up; round trips are counted on the store's client. \"A new store per page\"",
      "    also pays the store's one-time schema check: make one store per process, not per request.",
      "(e) each write against the hand-written statement doing the same work, both prepared, timed in turns next",
      "    to each other: 1 connection = a pool of one, calls one after another; 8 connections = a pool of eight,",
      "    eight calls in flight per step (ms per eight calls). 21 rounds of 100 (40 for eight) after a warm-up.",
      "    An A/A run of two identical hand-written calls in such turns differs by up to ±7 % on this machine.",
      `(f) pg-mem: ${MEM_ITEMS.toLocaleString("en-US")} items through createPgMemStore(); pg-mem scans and sorts a thread on every page, so`,
      "    pages cost O(n) there: fine for unit tests, not a performance model.",
      ...notes.map((n) => `note: ${n}`),
      `postgres bench: ${fmt((now() - started) / 1000, 1)} s`,
    ].join("\n"),
  );
  return rows.every((r) => r[4] !== "FAIL");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await main();
  process.exitCode = ok ? 0 : 1;
}
