// An SMTP server of the run's own (the Nodemailer project's smtp-server) that refuses mail with a
// temporary failure until told to accept, and counts what it accepted per recipient.
import { SMTPServer } from "smtp-server";

export async function startSmtpServer() {
  const delivered = new Map();
  const state = { refusing: true };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refusing) return callback();
      const error = new Error("Mail service unavailable, try again later");
      error.responseCode = 451;
      return callback(error);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        for (const { address } of session.envelope.rcptTo) {
          delivered.set(address, (delivered.get(address) ?? 0) + 1);
        }
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    /** Recipient → messages accepted for it. */
    delivered,
    accept() {
      state.refusing = false;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
