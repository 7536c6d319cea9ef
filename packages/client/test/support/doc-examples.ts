import { readdir, readFile } from "node:fs/promises";

const repoRoot = new URL("../../../../", import.meta.url);

/** The documents whose marked TypeScript examples are compiled: the README and every docs/ page. */
async function documents(): Promise<string[]> {
  const pages = await readdir(new URL("docs/", repoRoot));
  return [
    "README.md",
    ...pages.filter((page) => page.endsWith(".md")).map((page) => `docs/${page}`),
  ];
}

/** A ```ts block of a document that is marked to be compiled. */
export interface DocExample {
  document: string;
  code: string;
}

/**
 * The ```ts blocks placed right after `<!-- compiled: <where> -->` in the README and docs/:
 * `consumer` blocks compile in a project outside this repository that installed the packed
 * client, `web` blocks in apps/web (React and TanStack Query). Each is made a module of its own.
 */
export async function compiledExamples(where: "consumer" | "web"): Promise<DocExample[]> {
  const marker = new RegExp(`<!-- compiled: ${where} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``, "g");
  const examples: DocExample[] = [];
  for (const document of await documents()) {
    const text = await readFile(new URL(document, repoRoot), "utf8");
    for (const match of text.matchAll(marker)) {
      examples.push({ document, code: `${match[1]}\nexport {};\n` });
    }
  }
  return examples;
}
