/** One end of a message channel: a worker's `process`, or the primary's `Worker`. */
export interface MessageChannel {
  send(message: unknown): unknown;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

/** In a cluster worker: the channel to its primary. */
export function primaryChannel(): MessageChannel {
  return {
    send: (message) => process.send?.(message),
    on: (event, listener) => process.on(event, listener),
  };
}
