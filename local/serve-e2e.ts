/** The Playwright web server: an in-memory local stack plus `next start` on the given port. */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { e2eStackFile } from "./e2e-stack-file";
import { runNextWithStack } from "./next-bin";
import { startLocalStack } from "./stack";

const { values } = parseArgs({ options: { port: { type: "string" }, "token-seconds": { type: "string", default: "8" } } });
const port = Number(values.port);
if (!port) throw new Error("usage: serve-e2e --port N");
const accessTokenValiditySeconds = Number(values["token-seconds"]);

const stack = await startLocalStack({
  appOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  accessTokenValiditySeconds,
});
const file = e2eStackFile(port);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(
  file,
  JSON.stringify({
    cognitoEndpoint: stack.cognito.endpoint,
    userPoolId: stack.cognito.userPoolId,
    clientId: stack.cognito.clientId,
    accessTokenValiditySeconds,
  }),
);

runNextWithStack(["start", "-p", String(port), "-H", "127.0.0.1"], stack, () => rmSync(file, { force: true }));
