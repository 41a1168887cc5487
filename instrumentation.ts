/** Runs once as the server starts (the Node.js runtime only: the app has no edge code). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/refuse-wrong-stage");
}
