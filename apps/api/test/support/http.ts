/** A response as a legacy client sees it. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/**
 * Sends `body` (an object is JSON-encoded; a string is sent as is) and reads the answer,
 * parsing it as JSON when it is.
 */
export async function request(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const body =
    init.body === undefined || typeof init.body === "string"
      ? init.body
      : JSON.stringify(init.body);
  const headers =
    typeof init.body === "object"
      ? { "content-type": "application/json", ...init.headers }
      : init.headers;
  const response = await fetch(url, {
    method: init.method ?? "POST",
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The legacy error envelope for `description`. */
export function failure(description: string) {
  return { status: 0, status_description: description, response_body: null };
}
