import type { OtasOutputs } from "@otas/client";
import { otasErrorMessage } from "@otas/client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Notice } from "../components/page.js";

type Session = OtasOutputs["user"]["sessions"]["sessions"][number];

/** A session as a person recognises it: the browser that signed in, from where, when last. */
function describe(session: Session): string {
  const client = session.user_agent ?? "An unknown browser";
  const network = session.address === null ? "" : ` on network ${session.address}`;
  return `${client}${network}, last used ${new Date(session.last_used_at).toLocaleString()}`;
}

/**
 * Where the account is signed in (`user.sessions`): this browser first, then the others, each of
 * which can be signed out from here, one by one or all together.
 */
export function SessionsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.user.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.sessions.queryKey() });
  const end = useMutation(trpc.user.endSession.mutationOptions({ onSettled: refresh }));
  const endOthers = useMutation(trpc.user.endOtherSessions.mutationOptions({ onSettled: refresh }));
  const failure = end.error ?? endOthers.error ?? sessions.error;
  const others = sessions.data?.sessions.filter((session) => !session.current) ?? [];
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {sessions.isPending && <p role="status">Loading your sessions…</p>}
      {failure && (
        <p className="form-error" role="alert">
          {otasErrorMessage(failure)}
        </p>
      )}
      {end.isSuccess && <Notice>That session is signed out.</Notice>}
      {endOthers.isSuccess && (
        <Notice>
          Signed out everywhere else ({endOthers.data.ended_sessions}{" "}
          {endOthers.data.ended_sessions === 1 ? "session" : "sessions"}).
        </Notice>
      )}
      {sessions.data && (
        <>
          <ul aria-label="Your sessions">
            {sessions.data.sessions.map((session) => (
              <li key={session.id}>
                {describe(session)}
                {session.current ? (
                  <strong> (this browser)</strong>
                ) : (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="link"
                      disabled={end.isPending}
                      aria-label={`Sign out ${describe(session)}`}
                      onClick={() => {
                        endOthers.reset();
                        end.mutate({ session_id: session.id });
                      }}
                    >
                      Sign out
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <button
              type="button"
              disabled={endOthers.isPending}
              onClick={() => {
                end.reset();
                endOthers.mutate();
              }}
            >
              {endOthers.isPending ? "Signing out everywhere else…" : "Sign out everywhere else"}
            </button>
          )}
        </>
      )}
    </section>
  );
}
