import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "../api.js";
import { navigate } from "../routing/router.js";
import { tokenStore } from "./token-store.js";

/**
 * Signing out: the API ends this browser's session (`user.signOut`), so the token is refused
 * from then on wherever it was copied to; then the token and every cached answer are forgotten
 * in this browser (and its other tabs). The token is forgotten whatever the API answered: an
 * ended session, or no answer at all, still signs this browser out.
 */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useMutation(trpc.user.signOut.mutationOptions());
  const { mutate } = signOut;
  const onClick = useCallback(() => {
    mutate(undefined, {
      onSettled: () => {
        tokenStore.clear();
        queryClient.clear();
        navigate("/sign-in", { replace: true });
      },
    });
  }, [mutate, queryClient]);
  return { signOut: onClick, pending: signOut.isPending };
}
