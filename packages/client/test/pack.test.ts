import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledExamples } from "./support/doc-examples.js";

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The version of a package this workspace installed, so the consumer uses the same. */
async function installedVersion(name: string): Promise<string> {
  const manifest = path.join(packageDir, "node_modules", name, "package.json");
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}

/** What a strict browser project compiles with: the DOM and nothing of Node, libraries checked. */
const consumerOptions = {
  target: "ES2022",
  lib: ["DOM", "ES2022"],
  types: [],
  strict: true,
  skipLibCheck: false,
  noEmit: true,
};

/** `tsc -p <config>` in the consumer folder: its exit code and each diagnostic line. */
async function typecheck(dir: string, config: object) {
  const file = path.join(dir, `tsconfig.${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(config));
  const tsc = path.join(dir, "node_modules/.bin/tsc");
  try {
    await run(tsc, ["-p", file, "--pretty", "false"], { cwd: dir, timeout: 120_000 });
    return { code: 0, errors: [] as string[] };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, errors: stdout.split("\n").filter((line) => line.includes("error TS")) };
  }
}

/** A correct program: every part of the main entry, as a browser app would use it. */
const GOOD = `
import {
  createOtasClient,
  isOtasError,
  otasErrorCode,
  otasErrorFields,
  otasErrorMessage,
  otasErrorMessages,
  type OtasErrorCode,
  type OtasInputs,
  type OtasUser,
} from "@otas/client";

let token: string | undefined;
const otas = createOtasClient({
  url: "http://localhost:8000",
  token: () => token,
  transport: "httpBatchStreamLink",
  onSessionEnd: ({ reason }) => {
    token = undefined;
    console.log(reason === "expired" ? "sign in again" : "signed out");
  },
});

export async function signUp(input: OtasInputs["user"]["create"]): Promise<OtasUser | string> {
  try {
    const { user, jwt_token } = await otas.user.create.mutate(input);
    token = jwt_token;
    return (await otas.user.me.query()).user.email === user.email ? user : "mismatch";
  } catch (error) {
    const code: OtasErrorCode | undefined = otasErrorCode(error);
    if (code === "user_already_exists" && otasErrorFields(error).includes("email")) {
      return otasErrorMessages[code];
    }
    if (isOtasError(error)) return error.data.detail ?? error.data.otasCode;
    return otasErrorMessage(error);
  }
}

// Browser timers are numbers: no Node types leak into this program.
export const timer: number = setTimeout(() => {}, 1);
`;

/** The mistakes a typed client must catch, each with the compiler's exact message. */
const BAD = `import { createOtasClient, otasErrorCode, type OtasErrorCode } from "@otas/client";

const otas = createOtasClient({ url: "http://localhost:8000" });

export async function mistakes(error: unknown) {
  await otas.user.create.mutate({ first_name: "Ada", last_name: "L", email: "a@b.c", passwrd: "secret1" });
  await otas.user.delete.mutate();
  const { user } = await otas.user.me.query();
  const hash: string = user.password;
  const code: OtasErrorCode = "user_exists";
  const taken = otasErrorCode(error) === "email_taken";
  const secret = process.env.SECRET;
  return [hash, code, taken, secret];
}
`;

const BAD_ERRORS = [
  `bad.ts(6,86): error TS2561: Object literal may only specify known properties, but 'passwrd' does not exist in type '{ first_name: string; last_name: string; email: string; password: string; middle_name?: string | null | undefined; }'. Did you mean to write 'password'?`,
  `bad.ts(7,19): error TS2339: Property 'delete' does not exist on type 'OtasClientOf<OtasUserProcedures>'.`,
  `bad.ts(9,29): error TS2339: Property 'password' does not exist on type '{ id: string; first_name: string; middle_name: string; last_name: string; email: string; created_at: string; updated_at: string; }'.`,
  `bad.ts(10,9): error TS2322: Type '"user_exists"' is not assignable to type 'OtasErrorCode'.`,
  `bad.ts(11,17): error TS2367: This comparison appears to be unintentional because the types 'OtasErrorCode | undefined' and '"email_taken"' have no overlap.`,
  `bad.ts(12,18): error TS2591: Cannot find name 'process'. Do you need to install type definitions for node? Try \`npm i --save-dev @types/node\` and then add 'node' to the types field in your tsconfig.`,
];

/** For tRPC's own tools: the `@otas/client/trpc` entry with tRPC's client. */
const TRPC = `
import { createTRPCClient } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { type AppRouter, otasLinks } from "@otas/client/trpc";

const trpc = createTRPCClient<AppRouter>({
  links: otasLinks({ url: "http://localhost:8000", transport: "httpBatchLink" }),
});
export const me: Promise<inferRouterOutputs<AppRouter>["user"]["me"]> = trpc.user.me.query();
export const login: inferRouterInputs<AppRouter>["user"]["login"] = { email: "a@b.c", password: "x" };
`;

describe("the packed @otas/client, installed with npm in a folder outside the workspace", () => {
  let work: string;
  let consumer: string;
  let tarball: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "otas-client-pack-"));
    consumer = path.join(work, "consumer");
    // pnpm pack runs the prepack script (generate, build) and rewrites catalog: and workspace:.
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", work], {
      cwd: packageDir,
      timeout: 120_000,
    });
    tarball = stdout.trim().split("\n").at(-1) ?? "";
    await run("mkdir", ["-p", consumer]);
    await writeFile(
      path.join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const versions = await Promise.all(
      ["typescript", "@trpc/client", "@trpc/server"].map(async (name) => {
        return `${name}@${await installedVersion(name)}`;
      }),
    );
    await run("npm", ["install", "--no-audit", "--no-fund", tarball, ...versions], {
      cwd: consumer,
      timeout: 180_000,
    });
  }, 300_000);
  afterAll(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it("has a manifest npm reads: a version, exports with types, no workspace protocols", async () => {
    const installed = path.join(consumer, "node_modules/@otas/client");
    const text = await readFile(path.join(installed, "package.json"), "utf8");
    expect(text).not.toMatch(/catalog:|workspace:/);
    const manifest = JSON.parse(text);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.private).toBeUndefined();
    expect(manifest.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      default: "./dist/index.js",
    });
    expect(manifest.exports["./trpc"].types).toBe("./dist/trpc.d.ts");
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["@trpc/client", "@trpc/server"]);
    const files = await readdir(installed, { recursive: true });
    expect(files).toContain("CHANGELOG.md");
    expect(files.filter((file) => /\.map$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith("src"))).toEqual([]);
    const changelog = await readFile(path.join(installed, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${manifest.version}`);
  });

  it("installs nothing of the server", async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--parseable"], { cwd: consumer });
    const installed = stdout
      .split("\n")
      .filter((line) => line.includes("node_modules"))
      .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length))
      .sort();
    expect(installed).toEqual(["@otas/client", "@trpc/client", "@trpc/server", "typescript"]);
  });

  it("loads in Node as an ES module with the documented exports", async () => {
    const script = `const m = await import("@otas/client"); const t = await import("@otas/client/trpc");
      console.log(JSON.stringify([Object.keys(m).sort(), Object.keys(t).sort()]));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: consumer,
    });
    expect(JSON.parse(stdout)).toEqual([
      [
        "OTAS_UNREACHABLE_MESSAGE",
        "createOtasClient",
        "isOtasError",
        "otasErrorCode",
        "otasErrorFields",
        "otasErrorMessage",
        "otasErrorMessages",
      ],
      ["otasLinks"],
    ]);
  });

  it("compiles correct code in a strict browser project, with bundler and Node resolution", async () => {
    await writeFile(path.join(consumer, "good.ts"), GOOD);
    for (const resolution of [
      { module: "ESNext", moduleResolution: "bundler" },
      { module: "NodeNext", moduleResolution: "NodeNext" },
    ]) {
      const result = await typecheck(consumer, {
        compilerOptions: { ...consumerOptions, ...resolution },
        files: ["good.ts"],
      });
      expect([resolution.moduleResolution, result]).toEqual([
        resolution.moduleResolution,
        { code: 0, errors: [] },
      ]);
    }
  });

  it("fails wrong fields, procedures and codes, and Node's globals, with precise messages", async () => {
    await writeFile(path.join(consumer, "bad.ts"), BAD);
    const result = await typecheck(consumer, {
      compilerOptions: { ...consumerOptions, module: "ESNext", moduleResolution: "bundler" },
      files: ["bad.ts"],
    });
    expect(result).toEqual({ code: 2, errors: BAD_ERRORS });
  });

  it("gives tRPC's own client the router type through @otas/client/trpc", async () => {
    await writeFile(path.join(consumer, "trpc.ts"), TRPC);
    // tRPC's own declarations need Node's types and a newer lib, so libraries are not checked.
    const result = await typecheck(consumer, {
      compilerOptions: {
        ...consumerOptions,
        skipLibCheck: true,
        module: "ESNext",
        moduleResolution: "bundler",
      },
      files: ["trpc.ts"],
    });
    expect(result).toEqual({ code: 0, errors: [] });
  });

  it("compiles the examples of the README and docs/ for another repository", async () => {
    const examples = await compiledExamples("consumer");
    expect(examples.length).toBeGreaterThan(0);
    const files = [];
    for (const [index, example] of examples.entries()) {
      const file = `example-${index}.ts`;
      await writeFile(path.join(consumer, file), example.code);
      files.push(file);
    }
    const result = await typecheck(consumer, {
      compilerOptions: { ...consumerOptions, module: "ESNext", moduleResolution: "bundler" },
      files,
    });
    expect(result).toEqual({ code: 0, errors: [] });
  });
});
