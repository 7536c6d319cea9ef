import { z } from "zod";
import { withContractErrors } from "../validation/domain-error-from-issues.js";
import { bodyObject, requiredString } from "../validation/fields.js";
import { SESSION_ID } from "./session-id.js";

/**
 * `{session_id}`: an id from `user.sessions`. A string that is no session id at all is
 * `session_not_found`, exactly as an unknown or another user's session.
 */
export const endSessionInput = withContractErrors(
  bodyObject({
    session_id: requiredString("missing_fields")
      .refine((id) => SESSION_ID.test(id), { message: "session_not_found" })
      .transform((id) => id.toLowerCase())
      .meta({ description: "The id of one of the caller's sessions (`user.sessions`)." }),
  }),
);

export type EndSessionInput = z.output<typeof endSessionInput>;

/** Nothing to answer: the session ended. */
export const endSessionOutput = z.null();
