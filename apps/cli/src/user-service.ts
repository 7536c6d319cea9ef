import { openUserService, type UserService } from "@otas/core";

/**
 * Opens core's user service on the configured database (applying pending migrations), runs
 * `work` and always closes the connection, so the process can exit on its own and flush
 * everything it printed.
 */
export async function withUserService<T>(work: (service: UserService) => Promise<T>): Promise<T> {
  const service = await openUserService({
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  try {
    return await work(service);
  } finally {
    await service.close();
  }
}
