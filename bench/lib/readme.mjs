import { readFileSync, writeFileSync } from "node:fs";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/**
 * Puts the report (without its title) between bench/README.md's markers, its headings one
 * level down so they sit inside its "Latest results" section.
 */
export function writeReadmeSection(readmePath, report) {
  const body = report.split("\n").slice(2).join("\n").trim().replace(/^## /gm, "### ");
  const readme = readFileSync(readmePath, "utf8");
  if (!readme.includes(START) || !readme.includes(END)) {
    throw new Error(`${readmePath} has no ${START} … ${END} markers`);
  }
  writeFileSync(
    readmePath,
    readme.replace(new RegExp(`${START}[\\s\\S]*${END}`), () => `${START}\n${body}\n${END}`),
  );
}
