import { readdir, readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const assets = new URL("../dist/assets/", import.meta.url);

/**
 * Text that only the server's code holds: its packages' names as imported, and strings of its
 * libraries and of core. Any of them in the bundle means server code reached the browser.
 */
const SERVER_MARKERS = [
  "@otas/core",
  "@otas/api",
  "@prisma/client",
  "PrismaClient",
  "better-sqlite3",
  "bcrypt",
  "jsonwebtoken",
  "fastify",
  "trpc-to-openapi",
  "nodemailer",
  "pg_catalog",
  "issued before a password reset",
  "ZodError",
  "node:crypto",
];

describe("the built bundle of apps/web", () => {
  it("holds no server code, and says how big it is", async () => {
    const files = await readdir(assets);
    const scripts = files.filter((file) => file.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    let raw = 0;
    let gzipped = 0;
    const texts: string[] = [];
    for (const file of scripts) {
      const code = await readFile(new URL(file, assets));
      raw += code.length;
      gzipped += gzipSync(code).length;
      texts.push(code.toString("utf8"));
    }
    const found = SERVER_MARKERS.filter((marker) => texts.some((text) => text.includes(marker)));
    expect(found).toEqual([]);
    // The client's own code is in it (its messages), so the grep read the right files.
    expect(texts.some((text) => text.includes("An account with this email already exists."))).toBe(
      true,
    );
    // For the README: printed, not asserted (a measurement).
    const kB = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(`apps/web bundle: ${kB(raw)} kB, ${kB(gzipped)} kB gzipped`);
  });
});
