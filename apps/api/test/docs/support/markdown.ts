import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../support/spawn-server.js";

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The file, relative to the repository's root. */
  file: string;
  /** Its line number (1-based) of the opening fence. */
  line: number;
  /** The info string: `ts`, `sh`, … (empty for a bare fence). */
  language: string;
  /** The `<!-- … -->` comment right before the fence (blank lines allowed), without its `<!-- -->`. */
  marker: string | undefined;
  code: string;
}

/**
 * Every Markdown file of the repository, tracked or new (not ignored), relative to its root:
 * the README, docs/, bench/, deploy/, the packages' READMEs and the fixtures' notes.
 */
export function markdownFiles(): string[] {
  const listed = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "--", "*.md"],
    { cwd: repoRoot, encoding: "utf8" },
  );
  return [...new Set(listed.split("\n").filter(Boolean))].sort();
}

/** The text of `file` (relative to the repository's root). */
export function readDocument(file: string): string {
  return readFileSync(path.join(repoRoot, file), "utf8");
}

/** The fenced code blocks of `file`, with the marker comment that precedes each. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readDocument(file).split("\n");
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[index] ?? "");
    if (open === null) continue;
    const fence = open[2] as string;
    let end = index + 1;
    while (end < lines.length && !(lines[end] ?? "").trim().startsWith(fence)) end++;
    let before = index - 1;
    while (before >= 0 && (lines[before] ?? "").trim() === "") before--;
    const marker = /^<!--\s*(.*?)\s*-->$/.exec((lines[before] ?? "").trim())?.[1];
    blocks.push({
      file,
      line: index + 1,
      language: open[3] ?? "",
      marker,
      code: `${lines.slice(index + 1, end).join("\n")}\n`,
    });
    index = end;
  }
  return blocks;
}

/** `text` without its fenced code blocks and inline code spans, where links are not links. */
export function proseOf(text: string): string {
  return text
    .replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\s*\2\s*$/gm, "")
    .replace(/(`+)[\s\S]*?\1/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
}

/** The anchors GitHub gives the headings of a Markdown text (`## A b` is `#a-b`). */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = text.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\s*\2\s*$/gm, "");
  for (const match of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = (match[1] ?? "")
      .toLowerCase()
      .replace(/<[^>]*>/g, "")
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The rows of the Markdown tables under the `## heading` sections of `text`, by section. */
export function tableRowsBySection(text: string): Map<string, string[][]> {
  const sections = new Map<string, string[][]>();
  let section = "";
  for (const line of text.split("\n")) {
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) {
      section = heading[1] as string;
      sections.set(section, []);
      continue;
    }
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const cells = line
      .slice(1, line.trimEnd().endsWith("|") ? line.trimEnd().length - 1 : undefined)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    sections.get(section)?.push(cells);
  }
  return sections;
}
