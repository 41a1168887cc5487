/**
 * Local Cognito: cognito-local (in-process, on an internal loopback port) behind the front in
 * cognito-front.ts, with one user pool (email usernames) and one app client (no secret, USER_PASSWORD_AUTH +
 * REFRESH_TOKEN_AUTH) like infra/auth.ts declares. Sign-ups are confirmed by an emulated PreSignUp trigger,
 * as on AWS; codes AWS would email go to the code book. Pool and client ids are kept in `dir`, so dev users
 * survive restarts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type RequestListener, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Router } from "cognito-local/lib/server/Router.js";
import { DefaultConfig, type Config } from "cognito-local/lib/server/config.js";
import { createServer as createCognitoLocal } from "cognito-local/lib/server/server.js";
import { DateClock } from "cognito-local/lib/services/clock.js";
import { CognitoServiceFactoryImpl } from "cognito-local/lib/services/cognitoService.js";
import type { Context } from "cognito-local/lib/services/context.js";
import { StormDBDataStoreFactory } from "cognito-local/lib/services/dataStore/stormDb.js";
import type { Services } from "cognito-local/lib/services/index.js";
import { otp } from "cognito-local/lib/services/otp.js";
import { JwtTokenGenerator } from "cognito-local/lib/services/tokenGenerator.js";
import type { Triggers } from "cognito-local/lib/services/triggers/index.js";
import { UserPoolServiceFactoryImpl } from "cognito-local/lib/services/userPoolService.js";
import pino from "pino";
import { z } from "zod";
import { createCodeBook } from "./cognito-codes";
import { createFront } from "./cognito-front";
import { portOrFree } from "./free-port";
import type { CognitoOptions, RunningCognito } from "./types";

const LocalIdsSchema = z.object({ userPoolId: z.string().min(1), clientId: z.string().min(1) });
type LocalIds = z.infer<typeof LocalIdsSchema>;
const CreatedPoolSchema = z.object({ UserPool: z.object({ Id: z.string() }) });
const CreatedClientSchema = z.object({ UserPoolClient: z.object({ ClientId: z.string() }) });

/** Access and id tokens live `seconds`; refresh tokens 30 days (cognito-local never expires them anyway). */
function tokenValidity(seconds: number) {
  return {
    AccessTokenValidity: seconds,
    IdTokenValidity: seconds,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds", RefreshToken: "days" },
  };
}

const refuse = () => Promise.reject(new Error("Local Cognito emulates no Lambda trigger but PreSignUp"));

/** The PreSignUp trigger a local pool behaves as if it had: self sign-ups are confirmed with a verified email. */
const localTriggers: Triggers = {
  enabled: (trigger) => trigger === "PreSignUp",
  preSignUp: async (_ctx, { source }) => {
    const isSelfSignUp = source === "PreSignUp_SignUp";
    return { autoConfirmUser: isSelfSignUp, autoVerifyEmail: isSelfSignUp, autoVerifyPhone: false };
  },
  customMessage: refuse,
  customEmailSender: refuse,
  postAuthentication: refuse,
  postConfirmation: refuse,
  preTokenGeneration: refuse,
  userMigration: refuse,
};

async function readIds(file: string): Promise<LocalIds | undefined> {
  try {
    const ids = LocalIdsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return ids.success ? ids.data : undefined;
  } catch {
    return undefined;
  }
}

/** Re-uses the pool and client recorded in `idsFile` (updating the token validity), or creates them. */
async function ensurePoolAndClient(services: Services, ctx: Context, idsFile: string, validitySeconds: number): Promise<LocalIds> {
  const saved = await readIds(idsFile);
  const savedClient = saved && (await services.cognito.getAppClient(ctx, saved.clientId));
  const pools = await services.cognito.listUserPools(ctx);
  if (saved && savedClient && savedClient.UserPoolId === saved.userPoolId && pools.some((pool) => pool.Id === saved.userPoolId)) {
    const pool = await services.cognito.getUserPool(ctx, saved.userPoolId);
    await pool.saveAppClient(ctx, { ...savedClient, ...tokenValidity(validitySeconds), LastModifiedDate: new Date() });
    return saved;
  }
  const route = Router(services);
  const pool = CreatedPoolSchema.parse(
    await route("CreateUserPool")(ctx, { PoolName: "ledgerline-local", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] }),
  );
  const client = CreatedClientSchema.parse(
    await route("CreateUserPoolClient")(ctx, {
      UserPoolId: pool.UserPool.Id,
      ClientName: "Web",
      GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      PreventUserExistenceErrors: "ENABLED",
      ...tokenValidity(validitySeconds),
    }),
  );
  const ids = { userPoolId: pool.UserPool.Id, clientId: client.UserPoolClient.ClientId };
  await writeFile(idsFile, JSON.stringify(ids, null, 2));
  return ids;
}

function listen(listener: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`local Cognito cannot start: port ${port} is busy`) : error),
    );
    server.listen(port, host, () => resolve(server));
  });
}

type Closable = Pick<Server, "close" | "closeAllConnections">;

function close(server: Closable): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** cognito-local's services over `dir`, issuing tokens whose issuer domain is `endpoint`. */
async function createServices(dir: string, endpoint: string) {
  // cognito-local treats every *.json in its data directory as a user pool: keep our ids file beside it.
  const dataDir = join(dir, "db");
  await mkdir(dataDir, { recursive: true });
  const logger = pino({ name: "cognito-local", level: "error" });
  const ctx: Context = { logger };
  const clock = new DateClock();
  const config: Config = {
    ...DefaultConfig,
    TokenConfig: { IssuerDomain: endpoint },
    ServerConfig: { port: 0, hostname: "127.0.0.1", development: false, https: false },
  };
  const stores = new StormDBDataStoreFactory(dataDir);
  const cognito = await new CognitoServiceFactoryImpl(dataDir, stores, new UserPoolServiceFactoryImpl(clock, stores)).create(
    ctx,
    config.UserPoolDefaults,
  );
  const codes = createCodeBook();
  const services: Services = {
    clock,
    cognito,
    config,
    messages: codes.messages,
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, localTriggers, config.TokenConfig),
    triggers: localTriggers,
  };
  return { services, ctx, logger, codes };
}

export async function startCognito(opts: CognitoOptions): Promise<RunningCognito> {
  const isTemporary = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), "ledgerline-cognito-")));
  const servers: Closable[] = [];
  const stop = async () => {
    await Promise.all(servers.map(close));
    if (isTemporary) await rm(dir, { recursive: true, force: true });
  };
  try {
    const port = await portOrFree(opts.port);
    const endpoint = `http://localhost:${port}`;
    const { services, ctx, logger, codes } = await createServices(dir, endpoint);
    const ids = await ensurePoolAndClient(services, ctx, join(dir, "ids.json"), opts.accessTokenValiditySeconds ?? 3600);

    const internal = await createCognitoLocal(Router(services), logger, services.config.ServerConfig).start();
    servers.push(internal);
    const address = internal.address();
    if (!address || typeof address === "string") throw new Error("cognito-local started without a TCP address");
    const front = createFront({ upstream: `http://127.0.0.1:${address.port}`, endpoint, codes });
    servers.push(await listen(front, port, "127.0.0.1"));
    // `localhost` may resolve to ::1 first (browsers, Node fetch): answer there too when IPv6 loopback exists.
    const v6 = await listen(front, port, "::1").catch(() => undefined);
    if (v6) servers.push(v6);
    return { endpoint, userPoolId: ids.userPoolId, clientId: ids.clientId, issuer: `${endpoint}/${ids.userPoolId}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
