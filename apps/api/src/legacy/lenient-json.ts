/** Deeper JSON than this is refused before parsing: no OTAS body nests more than two levels. */
export const MAX_BODY_NESTING = 32;

/** What a body that nests deeper than {@link MAX_BODY_NESTING} parses to: no input schema accepts it. */
export const TOO_DEEP: unique symbol = Symbol("body nested too deeply");

/** Whether the JSON text opens more than `limit` arrays or objects inside each other. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

/**
 * Reads a legacy body as JSON whatever its Content-Type said. Empty or malformed text is
 * `undefined` (the use cases answer `invalid_json`, login `login_failed`); text nesting deeper
 * than {@link MAX_BODY_NESTING} is {@link TOO_DEEP} (`invalid_body`), so no recursion anywhere
 * downstream can be driven by a client.
 */
export function parseLenientJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  if (nestsDeeperThan(text, MAX_BODY_NESTING)) return TOO_DEEP;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
