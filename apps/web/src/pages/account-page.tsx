import { otasErrorMessage } from "@otas/client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../api.js";
import { Page } from "../components/page.js";
import { PasswordForm } from "./password-form.js";
import { ProfileForm } from "./profile-form.js";
import { SessionsSection } from "./sessions-section.js";

/** The signed-in account: its profile, its password and where it is signed in. */
export function AccountPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());
  return (
    <Page title="Your account">
      {me.isPending && <p role="status">Loading your account…</p>}
      {me.isError && (
        <div className="form-error" role="alert">
          <p>{otasErrorMessage(me.error)}</p>
          <button type="button" onClick={() => void me.refetch()}>
            Try again
          </button>
        </div>
      )}
      {me.data && (
        <>
          <ProfileForm user={me.data.user} />
          <PasswordForm />
          <SessionsSection />
        </>
      )}
    </Page>
  );
}
