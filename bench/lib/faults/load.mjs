// The load of the fault runs: a few clients sending sign-ups, logins and token checks in a loop,
// every request logged (kind, when, how long, status or error) so that each failure is counted
// and each acknowledged sign-up can be looked for in the database afterwards.
import { appendFileSync } from "node:fs";
import { Agent, request } from "node:http";

/** An answer slower than this counts as a failure (the client gave up). */
const CLIENT_TIMEOUT_MS = 30_000;

/**
 * Closes keep-alive connections idle this long: below the service's SHUTDOWN_DRAIN_MS, as
 * docs/operations.md asks of clients and proxies.
 */
const IDLE_TIMEOUT_MS = 250;

let sequence = 0;
function uniqueEmail() {
  sequence += 1;
  return `fault.${process.pid}.${Date.now()}.${sequence}@example.com`;
}

/** POSTs `body` as JSON; resolves with the status and parsed body, or the error's code. */
function post(agent, url, body, headers = {}) {
  return new Promise((resolve) => {
    const sent = request(
      url,
      {
        method: "POST",
        agent,
        timeout: CLIENT_TIMEOUT_MS,
        headers: { "content-type": "application/json", ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: response.statusCode, json, text });
        });
        response.on("error", (error) => resolve({ error: error.code ?? error.message }));
      },
    );
    sent.on("timeout", () =>
      sent.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
    );
    sent.on("error", (error) => resolve({ error: error.code ?? error.message }));
    sent.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Signs up `count` users and logs each in: what the load's logins and token checks use. */
export async function seedUsers(url, count) {
  const agent = new Agent({ keepAlive: false });
  const users = [];
  for (let i = 0; i < count; i += 1) {
    const email = uniqueEmail();
    const password = `seed-${i}-password`;
    const answer = await post(agent, `${url}/api/user/v1/create/`, {
      first_name: "Seed",
      last_name: "User",
      email,
      password,
    });
    if (answer.status !== 200) throw new Error(`seeding failed: ${answer.status} ${answer.text}`);
    users.push({ email, password, token: answer.json.response_body.jwt_token });
  }
  return users;
}

/**
 * Starts `clients` loops sending, in turn, a sign-up, a token check, a login and a token check
 * to `url`, until `stop()`. Every request becomes a record (also appended to `logFile` as a
 * JSON line): `kind`, `sentAt`, `ms`, `status` or `error`, `ok` (answered 200), and for a
 * sign-up its `email` and, when acknowledged, `userId`.
 */
export function startLoad(url, { users, clients = 4, logFile }) {
  const agent = new Agent({ keepAlive: true, timeout: IDLE_TIMEOUT_MS });
  const records = [];
  let stopped = false;
  const send = async (kind, user) => {
    const record = { kind, sentAt: Date.now() };
    const started = performance.now();
    let answer;
    if (kind === "create") {
      record.email = uniqueEmail();
      answer = await post(agent, `${url}/api/user/v1/create/`, {
        first_name: "Load",
        last_name: "Client",
        email: record.email,
        password: "load-password",
      });
      if (answer.status === 200) record.userId = answer.json?.response_body?.user?.id;
    } else if (kind === "login") {
      answer = await post(agent, `${url}/api/user/v1/login/`, {
        email: user.email,
        password: user.password,
      });
    } else {
      answer = await post(agent, `${url}/api/user/v1/authenticate/`, undefined, {
        "x-otas-user-token": user.token,
      });
    }
    record.ms = Math.round(performance.now() - started);
    if (answer.error !== undefined) record.error = answer.error;
    else record.status = answer.status;
    record.ok = answer.status === 200;
    records.push(record);
    if (logFile) appendFileSync(logFile, `${JSON.stringify(record)}\n`);
    // A client whose connection failed waits a moment, as a real one would before retrying.
    if (answer.error !== undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const loop = async (client) => {
    for (let turn = 0; !stopped; turn += 1) {
      const user = users[(client + turn) % users.length];
      await send(["create", "authenticate", "login", "authenticate"][turn % 4], user);
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, client) => loop(client)));
  return {
    records,
    async stop() {
      stopped = true;
      await running;
      agent.destroy();
    },
  };
}

/**
 * The figures of a run: requests, failures (no answer, or not 200), the error window (first to
 * last failure, in seconds), the slowest answer, and what the failures were.
 */
export function summarize(records) {
  const failures = records.filter((record) => !record.ok);
  const reasons = new Map();
  for (const failure of failures) {
    const reason = failure.error ?? String(failure.status);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const times = failures.map((failure) => failure.sentAt);
  return {
    requests: records.length,
    failed: failures.length,
    errorSeconds: failures.length === 0 ? 0 : (Math.max(...times) - Math.min(...times)) / 1000,
    slowestMs: Math.max(0, ...records.map((record) => record.ms)),
    reasons: [...reasons].map(([reason, count]) => `${count}× ${reason}`).join(", "),
  };
}
