import type { ComponentType } from "react";
import { AccountPage } from "./pages/account-page.js";
import { ForgotPasswordPage } from "./pages/forgot-password-page.js";
import { ResetPasswordPage } from "./pages/reset-password-page.js";
import { SignInPage } from "./pages/sign-in-page.js";
import { SignUpPage } from "./pages/sign-up-page.js";

/** Who may open a page: only the signed-in, only the signed-out, or anyone. */
export type Access = "signed-in" | "signed-out" | "anyone";

/** The app's pages by path. A new page (e.g. the sessions of issue 17) is one line here. */
export const routes: Record<string, { page: ComponentType; access: Access }> = {
  "/sign-in": { page: SignInPage, access: "signed-out" },
  "/sign-up": { page: SignUpPage, access: "signed-out" },
  "/account": { page: AccountPage, access: "signed-in" },
  "/forgot-password": { page: ForgotPasswordPage, access: "anyone" },
  "/reset-password": { page: ResetPasswordPage, access: "anyone" },
};
