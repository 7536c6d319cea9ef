import path from "node:path";

/** A database URL, classified by the provider its scheme selects. */
export type DatabaseUrl =
  | { provider: "sqlite"; url: string; filename: string }
  | { provider: "postgresql"; url: string };

/**
 * Classifies a database URL: `file:` selects SQLite (the path is resolved against the process's
 * working directory, like Prisma's CLI does from the repository root), `postgres://` or
 * `postgresql://` selects PostgreSQL.
 * @throws Error naming the accepted schemes for anything else.
 */
export function parseDatabaseUrl(url: string): DatabaseUrl {
  if (url.startsWith("file:")) {
    // SQLite URLs may carry Prisma-style parameters (`?connection_limit=1`); the file is before them.
    const filename = url.slice("file:".length).split("?")[0] ?? "";
    if (filename === "")
      throw new Error('SQLite database URL has no file name (expected "file:<path>").');
    return { provider: "sqlite", url, filename: path.resolve(filename) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return { provider: "postgresql", url };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `Unsupported database URL${scheme ? ` scheme "${scheme}:"` : ""}: expected file:<path> (SQLite) or postgresql://… (PostgreSQL).`,
  );
}
