// Summarises V8 CPU profiles (node --cpu-prof, written by `pnpm bench --profile` under
// results/profiles/<db>/): self time by function and by package.
// Usage: node profile-summary.mjs <file.cpuprofile | folder>...
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

function files(target) {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target, { recursive: true })
    .filter((name) => String(name).endsWith(".cpuprofile"))
    .map((name) => path.join(target, String(name)));
}

function packageOf(url) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.startsWith("node:") || url === "") return url === "" ? "(native/gc/idle)" : "node core";
  return url.includes("/packages/") || url.includes("/apps/") ? "otas" : "other";
}

for (const file of process.argv.slice(2).flatMap(files)) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const intervals = profile.timeDeltas;
  for (const [i, id] of profile.samples.entries()) {
    self.set(id, (self.get(id) ?? 0) + (intervals[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === "(idle)") continue;
    const key = `${functionName || "(anonymous)"} ${path.basename(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const top = (map, n) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  console.log(
    `${file}\nby package (self time):\n${top(byPackage, 12)}\ntop functions (self time):\n${top(byFunction, 20)}\n`,
  );
}
