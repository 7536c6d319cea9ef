import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { navigate } from "../routing/router.js";
import { tokenStore } from "./token-store.js";

/**
 * Signing out. Today this forgets the token in this browser (and its other tabs) and every
 * cached answer: the token itself stays valid until it expires. Once the API can end a session
 * (issue 17: `user.signOut`), this is where the app calls it first.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    tokenStore.clear();
    queryClient.clear();
    navigate("/sign-in", { replace: true });
  }, [queryClient]);
}
