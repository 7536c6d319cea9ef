import type { OtasSessionEnd } from "@otas/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createApiClient, createQueryClient, TRPCProvider } from "./api.js";
import { Layout } from "./components/layout.js";
import { Page } from "./components/page.js";
import { routes } from "./routes.js";
import { Link, navigate, useLocation } from "./routing/router.js";
import { tokenStore, useToken } from "./session/token-store.js";

/** The providers (TanStack Query, tRPC) and the page the address names. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createApiClient((end: OtasSessionEnd) => {
      // Expired, ended or forged: forget it and ask to sign in again.
      tokenStore.clear();
      queryClient.clear();
      navigate(`/sign-in?ended=${end.reason}`, { replace: true });
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Layout>
          <CurrentPage />
        </Layout>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

function CurrentPage() {
  const { path } = useLocation();
  const signedIn = useToken() !== undefined;
  const route = routes[path];
  // Where a page the visitor may not open (or "/") leads instead.
  const redirect =
    path === "/" || route?.access === (signedIn ? "signed-out" : "signed-in")
      ? signedIn
        ? "/account"
        : "/sign-in"
      : undefined;
  useEffect(() => {
    if (redirect !== undefined) navigate(redirect, { replace: true });
  }, [redirect]);
  if (redirect !== undefined) return null;
  if (route === undefined) {
    return (
      <Page title="Page not found">
        <p>
          There is no page here. <Link href="/">Go to the start</Link>.
        </p>
      </Page>
    );
  }
  const Component = route.page;
  return <Component />;
}
