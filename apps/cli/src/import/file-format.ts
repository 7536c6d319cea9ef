import { extname } from "node:path";

/** The file formats import reads and report writes. */
export const fileFormats = ["csv", "jsonl"] as const;
export type FileFormat = (typeof fileFormats)[number];

const BY_EXTENSION: Record<string, FileFormat> = {
  ".csv": "csv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/** The format a file's extension names (case-insensitive), or undefined for any other. */
export function formatFromExtension(path: string): FileFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}
