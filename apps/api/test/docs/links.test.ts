import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/spawn-server.js";
import { headingAnchors, markdownFiles, proseOf, readDocument } from "./support/markdown.js";

/** The relative links of a Markdown text: `[text](target)` and `[text]: target` definitions. */
function relativeLinks(text: string): string[] {
  const prose = proseOf(text);
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((match) => match[1]),
  ];
  return targets.filter(
    (target): target is string => target !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(target),
  );
}

describe("the links of the Markdown files", () => {
  const files = markdownFiles();

  it("finds the README and the docs", () => {
    expect(files).toEqual(
      expect.arrayContaining(["README.md", "docs/configuration.md", "bench/README.md"]),
    );
  });

  it.each(files)("%s: every relative link resolves, and its #anchor is a heading", (file) => {
    const broken: string[] = [];
    for (const link of relativeLinks(readDocument(file))) {
      const [target = "", anchor] = link.split("#", 2);
      const resolved = target === "" ? file : path.join(path.dirname(file), decodeURI(target));
      if (!existsSync(path.join(repoRoot, resolved))) {
        broken.push(`${link} (no ${resolved})`);
        continue;
      }
      if (anchor === undefined || anchor === "" || !resolved.endsWith(".md")) continue;
      if (!headingAnchors(readDocument(resolved)).has(anchor)) {
        broken.push(`${link} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
