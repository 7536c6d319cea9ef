// The physical-limit reference of the benchmark: a bare node:http server doing the same work as
// the service's two measured paths, with nothing else around it (no framework, no ORM, no logs).
//   POST /api/user/v1/authenticate/  verify the HS256 token, look the user up by primary key with
//                                    the driver itself, answer the envelope;
//   POST /api/user/v1/create/        read and parse the JSON body, answer missing_fields.
// Never part of the product. Settings come from the environment like the server's.
//
// It is also the bench's scaling ceiling: with BURN_US it spins that many µs of CPU more per
// request (so it costs as much CPU per request as the service), and with WEB_CONCURRENCY above 1
// it runs that many node:cluster workers, as the service does. What two such workers gain over one
// on this machine, with the load generator and the database sharing its cores, is the most the
// service's workers could gain at that cost per request.
import cluster from "node:cluster";
import { createSecretKey } from "node:crypto";
import { createServer } from "node:http";
import jwt from "jsonwebtoken";

const key = createSecretKey(Buffer.from(process.env.JWT_SECRET ?? "", "utf8"));
const url = process.env.DATABASE_URL ?? "";
const columns = "id, first_name, middle_name, last_name, email, created_at, updated_at";

/** Looks a user up by id with the database's own driver: one prepared statement. */
async function openLookup() {
  if (url.startsWith("file:")) {
    const { default: BetterSqlite3 } = await import("better-sqlite3");
    const db = new BetterSqlite3(url.slice("file:".length).split("?")[0], { readonly: true });
    const statement = db.prepare(`SELECT ${columns} FROM users WHERE id = ?`);
    return async (id) => statement.get(id);
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const query = { name: "user-by-id", text: `SELECT ${columns} FROM users WHERE id = $1` };
  return async (id) => (await pool.query({ ...query, values: [id] })).rows[0];
}

/** Python's isoformat of a UTC instant, as the service answers it. */
function isoformat(value) {
  const date = value instanceof Date ? value : new Date(value);
  const iso = date.toISOString();
  const millis = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${millis === 0 ? "" : `.${String(millis).padStart(3, "0")}000`}+00:00`;
}

const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    listening += 1;
    if (listening === workers) {
      console.log(JSON.stringify({ address: `http://127.0.0.1:${address.port}` }));
    }
  });
  const stopAll = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGTERM", stopAll);
  process.once("SIGINT", stopAll);
} else {
  await serve();
}

async function serve() {
  const lookup = await openLookup();
  const burnNs = BigInt(Math.round(Number(process.env.BURN_US ?? 0) * 1000));

  /** Spends `BURN_US` of CPU (0 unless measuring the scaling ceiling). */
  function burn() {
    if (burnNs === 0n) return;
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < burnNs) {}
  }

  function send(response, status, body) {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  }

  const failure = (code) => ({ status: 0, status_description: code, response_body: null });

  async function authenticate(request, response) {
    const token = request.headers["x-otas-user-token"];
    if (!token) return send(response, 400, failure("missing_token"));
    let claims;
    try {
      claims = jwt.verify(token, key, { algorithms: ["HS256"] });
    } catch {
      return send(response, 401, failure("invalid_token"));
    }
    const row = await lookup(claims.user_id);
    if (row === undefined) return send(response, 401, failure("invalid_token"));
    send(response, 200, {
      status: 1,
      status_description: "user_authenticated",
      response_body: {
        user: {
          id: row.id,
          first_name: row.first_name,
          middle_name: row.middle_name ?? "",
          last_name: row.last_name,
          email: row.email,
          created_at: isoformat(row.created_at),
          updated_at: isoformat(row.updated_at),
        },
      },
    });
  }

  const REQUIRED = ["first_name", "last_name", "email", "password"];

  function create(body, response) {
    let parsed;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(response, 400, failure("invalid_json"));
    }
    const missing = REQUIRED.filter((field) => parsed?.[field] === undefined);
    if (missing.length > 0)
      return send(response, 400, failure(`missing_fields: ${missing.join(", ")}`));
    send(response, 400, failure("not_measured"));
  }

  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      burn();
      if (request.url === "/api/user/v1/authenticate/") {
        authenticate(request, response).catch(() => send(response, 500, failure("server_error")));
      } else if (request.url === "/api/user/v1/create/") {
        create(Buffer.concat(chunks).toString("utf8"), response);
      } else {
        send(response, 404, failure("not_found"));
      }
    });
  });
  server.keepAliveTimeout = 72_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    console.log(JSON.stringify({ address: `http://127.0.0.1:${server.address().port}` }));
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
