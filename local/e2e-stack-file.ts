import { join } from "node:path";

/** What the e2e server tells the Playwright workers about the local stack it started. */
export type E2eStackInfo = {
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  accessTokenValiditySeconds: number;
};

export function e2eStackFile(port: number): string {
  return join(process.cwd(), ".local", "e2e", `stack-${port}.json`);
}
