// Writes src/generated/router.ts: the API's procedures (kind, input, output), its error shape
// and which procedures hash a password, read from @otas/api's built router.
//
// Why generated rather than `import type { AppRouter } from "@otas/api"`: that type reaches the
// server's context (the use cases' dependencies: Prisma, pg, Node's types), so a frontend
// compiling it needs the whole server installed. The generated file holds plain data types only,
// written out in full by the type checker, so @otas/client ships with no import of the server,
// of Node's types, or even of tRPC's types in its main entry.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appRouter, MAX_BATCH_CALLS, passwordHashingProcedures, TOKEN_HEADER } from "@otas/api";
import ts from "typescript";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outFile = path.join(packageDir, "src/generated/router.ts");
const probeFile = path.join(packageDir, "src/generated/__router-probe.ts");

const probeSource = `
import type { AppRouter } from "@otas/api";
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export type Inputs = inferRouterInputs<AppRouter>;
export type Outputs = inferRouterOutputs<AppRouter>;
export type ErrorShape = inferRouterError<AppRouter>;
`;

/** A program holding the probe file only, resolved as the package's own sources are. */
function probeProgram() {
  const options = {
    strict: true,
    exactOptionalPropertyTypes: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === probeFile
      ? ts.createSourceFile(name, probeSource, language)
      : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === probeFile || fileExists.call(host, name);
  host.readFile = (name) => (name === probeFile ? probeSource : readFile.call(host, name));
  const program = ts.createProgram([probeFile], options, host);
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length > 0) {
    const text = ts.formatDiagnostics(problems, host);
    throw new Error(`the router's types do not compile:\n${text}`);
  }
  return program;
}

const program = probeProgram();
const checker = program.getTypeChecker();
const probe = program.getSourceFile(probeFile);
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(probe));
const typeNamed = (name) => {
  const symbol = exported.find((candidate) => candidate.name === name);
  return checker.getDeclaredTypeOfSymbol(symbol);
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A JSON-like type written out in full: primitives, literals, unions, arrays and object types.
 * Anything else (a function, a class instance, `any`) stops the build: the API's inputs and
 * outputs are JSON, and a frontend must not need the server's types to read them.
 */
function print(type, indent, where) {
  const flags = type.flags;
  if (flags & ts.TypeFlags.Any)
    throw new Error(`${where}: \`any\` has no place in the API's types`);
  if (flags & ts.TypeFlags.Unknown) return "unknown";
  if (flags & ts.TypeFlags.String) return "string";
  if (flags & ts.TypeFlags.Number) return "number";
  if (flags & ts.TypeFlags.Boolean) return "boolean";
  if (flags & ts.TypeFlags.Null) return "null";
  if (flags & ts.TypeFlags.Undefined) return "undefined";
  if (flags & ts.TypeFlags.Void) return "void";
  if (flags & ts.TypeFlags.Never) return "never";
  if (flags & ts.TypeFlags.StringLiteral) return JSON.stringify(type.value);
  if (flags & ts.TypeFlags.NumberLiteral) return String(type.value);
  if (flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
  if (type.isUnion()) {
    const members = type.types.map((member) => print(member, indent, where));
    // `boolean` is the union of its two literals: write it as such; null and undefined last.
    const both = members.includes("true") && members.includes("false");
    const rest = members.filter((member) => !both || (member !== "true" && member !== "false"));
    const nullish = (member) => member === "null" || member === "undefined";
    const ordered = [...rest.filter((member) => !nullish(member)), ...(both ? ["boolean"] : [])];
    return [...ordered, ...rest.filter(nullish).sort().reverse()].join(" | ");
  }
  if (type.isIntersection()) {
    return type.types.map((member) => print(member, indent, where)).join(" & ");
  }
  if (flags & ts.TypeFlags.Object) return printObject(type, indent, where);
  throw new Error(`${where}: cannot write out ${checker.typeToString(type)}`);
}

function printObject(type, indent, where) {
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type);
    const readonly = type.symbol?.name === "ReadonlyArray" ? "readonly " : "";
    const printed = print(element, indent, `${where}[]`);
    return `${readonly}${/[|&\s]/.test(printed) ? `(${printed})` : printed}[]`;
  }
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) {
    throw new Error(`${where}: a function has no place in the API's types`);
  }
  if (type.symbol !== undefined && type.symbol.flags & ts.SymbolFlags.Class) {
    throw new Error(`${where}: ${type.symbol.name} is a class, not JSON`);
  }
  const inner = `${indent}  `;
  const lines = [];
  const index = checker.getIndexInfosOfType(type);
  for (const info of index) {
    const key = print(info.keyType, inner, where);
    lines.push(`${inner}[key: ${key}]: ${print(info.type, inner, `${where}[key]`)};`);
  }
  for (const property of checker.getPropertiesOfType(type)) {
    const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
    const name = IDENTIFIER.test(property.name) ? property.name : JSON.stringify(property.name);
    const propertyType = checker.getTypeOfSymbol(property);
    const value = print(propertyType, inner, `${where}.${property.name}`);
    lines.push(`${inner}${name}${optional}: ${value};`);
  }
  return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
}

/** The type at `segments` (property names) inside `type`. */
function typeAt(type, segments, where) {
  let current = type;
  for (const segment of segments) {
    const property = checker.getPropertyOfType(current, segment);
    if (property === undefined) throw new Error(`${where}: no ${segment} in the router's types`);
    current = checker.getTypeOfSymbol(property);
  }
  return current;
}

const inputs = typeNamed("Inputs");
const outputs = typeNamed("Outputs");

/** Nested routers: path prefix → its procedures and sub-routers, in the router's order. */
const routers = new Map([["", []]]);
for (const [dotted, procedure] of Object.entries(appRouter._def.procedures)) {
  const segments = dotted.split(".");
  for (let depth = 1; depth < segments.length; depth++) {
    const prefix = segments.slice(0, depth).join(".");
    if (!routers.has(prefix)) {
      routers.set(prefix, []);
      routers.get(segments.slice(0, depth - 1).join("."))?.push({ router: prefix });
    }
  }
  routers
    .get(segments.slice(0, -1).join("."))
    ?.push({ procedure: dotted, type: procedure._def.type });
}

const pascal = (dotted) =>
  dotted
    .split(".")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
const interfaceName = (prefix) =>
  prefix === "" ? "OtasRouterShape" : `Otas${pascal(prefix)}Procedures`;
const last = (dotted) => dotted.split(".").at(-1);

const blocks = [];
for (const [prefix, entries] of routers) {
  const members = entries.map((entry) => {
    if (entry.router !== undefined) {
      return `  ${last(entry.router)}: ${interfaceName(entry.router)};`;
    }
    const segments = entry.procedure.split(".");
    const input = print(typeAt(inputs, segments, entry.procedure), "  ", entry.procedure);
    const output = print(typeAt(outputs, segments, entry.procedure), "  ", entry.procedure);
    return [
      `  /** \`${entry.procedure}\`, a ${entry.type}. */`,
      `  ${last(entry.procedure)}: OtasProcedureShape<\n    "${entry.type}",\n    ${input.replaceAll("\n", "\n  ")},\n    ${output.replaceAll("\n", "\n  ")}\n  >;`,
    ].join("\n");
  });
  const title = prefix === "" ? "The API's procedures." : `The \`${prefix}.*\` procedures.`;
  blocks.push(
    `/** ${title} */\nexport interface ${interfaceName(prefix)} {\n${members.join("\n")}\n}`,
  );
}

const errorShapeType = typeNamed("ErrorShape");
const codeType = typeAt(errorShapeType, ["data", "otasCode"], "error shape");
const codes = print(codeType, "", "error codes");
// The codes by name, so a compiler's message about a wrong code says \`OtasErrorCode\`.
const errorShape = print(errorShapeType, "", "error shape").replace(
  `otasCode: ${codes};`,
  "otasCode: OtasErrorCode;",
);
const hashing = [...passwordHashingProcedures(appRouter)];

const source = `// Generated by scripts/generate-router.mjs from @otas/api's router, at build time. Do not edit.
// Plain data types only: nothing here imports the server, Node's types or tRPC.

/** A procedure's kind, input and output. */
export interface OtasProcedureShape<Type extends "query" | "mutation", Input, Output> {
  type: Type;
  input: Input;
  output: Output;
}

${blocks.join("\n\n")}

/** Every code a failure can carry (the legacy REST contract's vocabulary). */
export type OtasErrorCode =
  | ${codes.replaceAll(" | ", "\n  | ")};

/** The shape of every error the API answers over tRPC. */
export type OtasErrorShape = ${errorShape};

/**
 * The procedures that hash a password: the server refuses a batch that carries one beside any
 * other call, so the client sends each in a request of its own.
 */
export const passwordHashingProcedures: readonly string[] = ${JSON.stringify(hashing)};

/** The most calls the server takes in one batch. */
export const maxBatchCalls = ${MAX_BATCH_CALLS};

/** The header the server reads the token from (the same over tRPC and REST). */
export const tokenHeader = ${JSON.stringify(TOKEN_HEADER)};
`;

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, source);
console.error(
  `wrote ${path.relative(process.cwd(), outFile)}: ${routers.size} routers, ${Object.keys(appRouter._def.procedures).length} procedures`,
);
