import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "./database-url.js";

describe("parseDatabaseUrl", () => {
  it("resolves a relative SQLite path against the working directory", () => {
    expect(parseDatabaseUrl("file:./data/otas.db")).toEqual({
      provider: "sqlite",
      url: "file:./data/otas.db",
      filename: path.resolve("data/otas.db"),
    });
  });

  it("keeps an absolute SQLite path and drops URL parameters", () => {
    expect(parseDatabaseUrl("file:/var/lib/otas.db?connection_limit=1")).toMatchObject({
      provider: "sqlite",
      filename: "/var/lib/otas.db",
    });
  });

  it.each(["postgresql://u@h:5432/db", "postgres://u:p@h/db?sslmode=require"])(
    "recognises PostgreSQL in %s",
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ provider: "postgresql", url });
    },
  );

  it("rejects other schemes with a clear message", () => {
    expect(() => parseDatabaseUrl("mysql://u@h/db")).toThrow(
      'Unsupported database URL scheme "mysql:": expected file:<path> (SQLite) or postgresql://… (PostgreSQL).',
    );
    expect(() => parseDatabaseUrl("file:")).toThrow(/no file name/);
  });
});
