// node bench/reset-probe.mjs [probes] [server.js ...]: the second audit's probe of "forgot
// password?" (issue 19, item 7). Against a built server (node apps/api/dist/server.js by default,
// production settings, SQLite, one process, a local SMTP sink), each probe sends the init request
// for a known or an unknown email and, on the same keep-alive connection, the next request right
// after its answer; it times both. Prints medians and quartiles per kind, and how well a threshold
// on the next request's latency tells a known email from an unknown one: with one probe, and with
// the median of the 5 probes the hourly per-mailbox budget allows. Several server.js paths (e.g. a
// checkout of an older version, built) are measured in turn, twice each, so a busy machine's drift
// hits all of them. Nothing is asserted: figures are for reading.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeMachine } from "./lib/machine.mjs";
import { freePort } from "./lib/processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [probesArg, ...serverArgs] = process.argv.slice(2);
const probes = Number(probesArg ?? 400);
const servers =
  serverArgs.length > 0
    ? serverArgs.map((file) => path.resolve(file))
    : [path.resolve(here, "../apps/api/dist/server.js")];
/** Each server is measured this many times, in turn with the others. */
const ROUNDS = servers.length > 1 ? 2 : 1;
const KNOWN_USERS = 20;
/** Between probes: the background work of the last one has long finished on either version. */
const PAUSE_MS = 30;

/**
 * An SMTP server that accepts every message and keeps none: what a mail relay costs the service
 * is its own part of the exchange, not the relay's.
 */
async function startSmtpSink() {
  let accepted = 0;
  const server = createServer((socket) => {
    let data = false;
    let buffered = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      for (let end = buffered.indexOf("\r\n"); end >= 0; end = buffered.indexOf("\r\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (data) {
          if (line === ".") {
            data = false;
            accepted += 1;
            socket.write("250 queued\r\n");
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.address().port, accepted: () => accepted, close: () => server.close() };
}

async function startService(serverJs, smtpPort) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "otas-probe-"));
  const port = await freePort();
  const child = spawn(process.execPath, [serverJs], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: `file:${path.join(dataDir, "probe.db")}`,
      DATA_DIR: dataDir,
      JWT_SECRET: "probe-secret-that-is-at-least-32-bytes-long",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "OTAS <no-reply@otas.example>",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      BCRYPT_ROUNDS: "4",
      RATE_LIMIT_MAX: "1000000",
      RATE_LIMIT_RESET_MAIL_MAX: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (tries > 600 || child.exitCode !== null) throw new Error("the server did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    base,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One request on `agent`'s single connection; resolves with its latency in ms once read. */
function timed(agent, base, method, route, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = process.hrtime.bigint();
    const req = http.request(
      `${base}${route}`,
      {
        method,
        agent,
        headers: payload === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          if (res.statusCode !== 200) reject(new Error(`${route} answered ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const sortedOf = (values) => [...values].sort((a, b) => a - b);
const median = (values) => quantile(sortedOf(values), 0.5);

/**
 * The best accuracy any threshold "slower than t means known" reaches on these samples (50% is
 * a coin toss; the attacker would pick t from probes of their own accounts).
 */
function bestThresholdAccuracy(known, unknown) {
  const all = sortedOf([...known, ...unknown]);
  let best = 0.5;
  for (const t of all) {
    const right = known.filter((v) => v > t).length + unknown.filter((v) => v <= t).length;
    best = Math.max(best, right / (known.length + unknown.length));
  }
  return best;
}

/** The same on medians of `size` probes drawn at random (with replacement), `draws` of each kind. */
function medianOfProbesAccuracy(known, unknown, size, draws = 2000) {
  const pick = (values) =>
    median(Array.from({ length: size }, () => values[Math.floor(Math.random() * values.length)]));
  return bestThresholdAccuracy(
    Array.from({ length: draws }, () => pick(known)),
    Array.from({ length: draws }, () => pick(unknown)),
  );
}

/** One round of probes against `serverJs`; prints its table. */
async function measure(serverJs, smtp) {
  const machine = describeMachine();
  const accepted = smtp.accepted();
  const service = await startService(serverJs, smtp.port);
  try {
    const known = [];
    for (let i = 0; i < KNOWN_USERS; i += 1) {
      const email = `probe.${i}.${randomUUID()}@example.com`;
      const res = await fetch(`${service.base}/api/user/v1/create/`, {
        method: "POST",
        body: JSON.stringify({ first_name: "P", last_name: "Q", email, password: "secret1" }),
      });
      if (!res.ok) throw new Error(`sign-up answered ${res.status}`);
      known.push(email);
    }
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const results = { known: { init: [], next: [] }, unknown: { init: [], next: [] } };
    // Known and unknown in a shuffled order, so drift over the run hits both alike.
    const kinds = Array.from({ length: probes }, (_, i) => (i % 2 === 0 ? "known" : "unknown"));
    kinds.sort(() => Math.random() - 0.5);
    const warmup = Math.min(20, kinds.length);
    for (const [index, kind] of [...kinds.slice(0, warmup), ...kinds].entries()) {
      const email =
        kind === "known" ? known[index % known.length] : `nobody.${randomUUID()}@example.com`;
      const init = await timed(agent, service.base, "POST", "/api/user/v1/reset-password/init/", {
        emailId: email,
      });
      const next = await timed(agent, service.base, "GET", "/healthz");
      if (index >= warmup) {
        results[kind].init.push(init);
        results[kind].next.push(next);
      }
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    agent.destroy();

    const row = (label, values) => {
      const sorted = sortedOf(values);
      const [p25, p50, p75] = [0.25, 0.5, 0.75].map((q) => quantile(sorted, q).toFixed(2));
      return `| ${label} | ${values.length} | ${p50} | ${p25} – ${p75} |`;
    };
    console.log(
      `## ${path.relative(process.cwd(), serverJs)}: ${probes} probes, SQLite, 1 process (${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage.toFixed(2)} → ${loadavg()[0].toFixed(2)}, ${machine.date})`,
    );
    console.log("");
    console.log("| request | probes | median ms | p25 – p75 ms |");
    console.log("|---|---|---|---|");
    console.log(row("init, known email", results.known.init));
    console.log(row("init, unknown email", results.unknown.init));
    console.log(row("next request (/healthz), known email", results.known.next));
    console.log(row("next request (/healthz), unknown email", results.unknown.next));
    console.log("");
    const { known: k, unknown: u } = results;
    // The same threshold fitted on two halves of the unknown probes: what "accuracy" pure chance
    // reaches here (a threshold picked after the fact always does a little better than 50%).
    const shuffled = [...u.next].sort(() => Math.random() - 0.5);
    const half = shuffled.length / 2;
    const chance = bestThresholdAccuracy(shuffled.slice(0, half), shuffled.slice(half));
    const percent = (value) => `${(100 * value).toFixed(1)}%`;
    console.log(
      `next request, median known − unknown: ${(median(k.next) - median(u.next)).toFixed(2)} ms; best-threshold accuracy telling known from unknown: next request, 1 probe ${percent(bestThresholdAccuracy(k.next, u.next))}, median of 5 probes ${percent(medianOfProbesAccuracy(k.next, u.next, 5))}; init answer, 1 probe ${percent(bestThresholdAccuracy(k.init, u.init))}; chance (unknown against unknown, 1 probe) ${percent(chance)}; mails accepted by the SMTP sink: ${smtp.accepted() - accepted}`,
    );
    console.log("");
  } finally {
    await service.stop();
  }
}

const smtp = await startSmtpSink();
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const serverJs of servers) await measure(serverJs, smtp);
  }
} finally {
  smtp.close();
}
