import type { ReactNode } from "react";
import { Link } from "../routing/router.js";
import { useSignOut } from "../session/sign-out.js";
import { useToken } from "../session/token-store.js";

/** The frame of every page: the site's name, its navigation (signed in or not), the page. */
export function Layout({ children }: { children: ReactNode }) {
  const signedIn = useToken() !== undefined;
  const { signOut, pending } = useSignOut();
  return (
    <>
      <header>
        <Link href="/" className="brand">
          OTAS
        </Link>
        <nav aria-label="Account">
          {signedIn ? (
            <>
              <Link href="/account">Account</Link>
              <button type="button" className="link" onClick={signOut} disabled={pending}>
                {pending ? "Signing out…" : "Sign out"}
              </button>
            </>
          ) : (
            <>
              <Link href="/sign-in">Sign in</Link>
              <Link href="/sign-up">Sign up</Link>
            </>
          )}
        </nav>
      </header>
      <main>{children}</main>
    </>
  );
}
