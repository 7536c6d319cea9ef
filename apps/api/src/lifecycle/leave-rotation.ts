import type { MessageChannel } from "../cluster/channel.js";

interface RetireMessage {
  type: "otas:retire";
}

/** What the primary sends a worker that a rolling restart has replaced. */
export const RETIRE_MESSAGE: RetireMessage = { type: "otas:retire" };

/** In a worker: calls `retire` when the primary asks it to make way for its replacement. */
export function onRetireRequest(primary: MessageChannel, retire: () => void): void {
  primary.on("message", (message) => {
    if ((message as Partial<RetireMessage> | null)?.type === RETIRE_MESSAGE.type) retire();
  });
}
