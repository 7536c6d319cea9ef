import type { ResetMail } from "@otas/core";
import type { SendMailOptions } from "nodemailer";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * The reset mail, in plain text and HTML, carrying the link to the web app's reset page, to its
 * mailbox alone: an address object, which nodemailer takes as one recipient and never parses as
 * a list (see `singleMailbox`). It says how long the link still works at `now`.
 */
export function resetMessage(reset: ResetMail, from: string, now: Date): SendMailOptions {
  const minutes = Math.max(1, Math.round((reset.expiresAt.getTime() - now.getTime()) / 60_000));
  const greeting = reset.firstName.trim() === "" ? "Hello," : `Hello ${reset.firstName},`;
  const lines = [
    greeting,
    "",
    "Someone asked to reset the password of your OTAS account. To choose a new password, open:",
    "",
    reset.link,
    "",
    `The link works once, for ${minutes} minutes. Setting a new password signs you out everywhere.`,
    "If you did not ask for this, ignore this message: your password stays as it is.",
  ];
  const link = escapeHtml(reset.link);
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    "<p>Someone asked to reset the password of your OTAS account.</p>",
    `<p><a href="${link}">Choose a new password</a></p>`,
    `<p>Or open this address: ${link}</p>`,
    `<p>The link works once, for ${minutes} minutes. Setting a new password signs you out everywhere.</p>`,
    "<p>If you did not ask for this, ignore this message: your password stays as it is.</p>",
  ];
  return {
    from,
    to: { name: "", address: reset.mailbox },
    subject: "Reset your OTAS password",
    text: `${lines.join("\n")}\n`,
    html: `<!doctype html><html><body>${html.join("\n")}</body></html>\n`,
  };
}
