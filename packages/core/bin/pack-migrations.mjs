#!/usr/bin/env node
// `prepack`/`postpack` of @otas/core: a packed tarball carries this build's migrations in
// `migrations/<provider>`, where `defaultMigrationsDir` looks first, because the monorepo's
// `prisma/` folder is not part of the package. In the monorepo the folder exists only while
// packing, so the repository's migrations stay the one source.
import { cpSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const target = `${packageDir}migrations`;
rmSync(target, { recursive: true, force: true });
if (process.argv[2] === "copy") {
  for (const provider of ["sqlite", "postgresql"]) {
    cpSync(
      fileURLToPath(new URL(`../../../prisma/${provider}/migrations`, import.meta.url)),
      `${target}/${provider}`,
      {
        recursive: true,
      },
    );
  }
}
