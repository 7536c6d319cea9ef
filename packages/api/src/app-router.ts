import { router } from "./init.js";
import { userRouter } from "./user-router.js";

/** The whole API. Its type is what tRPC clients import. */
export const appRouter = router({ user: userRouter });

export type AppRouter = typeof appRouter;
