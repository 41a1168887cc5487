/**
 * The user's settings: one item `userId | SET` (DESIGN "Data model") with the saved values only; what is
 * not saved reads as its default (defaultCurrency EUR; no locale or theme: the browser's and the system's).
 */
import { GetCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { parseStored } from "../expenses/items";
import { transactWrite } from "../expenses/transact";
import type { RateLimiter } from "../rate-limit";
import { DEFAULT_CURRENCY, ThemeSchema, type Settings, type SettingsPut } from "../schemas";

export type SettingsDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Counts every PUT as one write of the user; absent = unlimited (tests of other concerns). */
  rateLimiter?: RateLimiter;
  now?: () => Date;
};

export type UserSettings = {
  get(): Promise<Settings>;
  /** Sets the given fields (null clears locale/theme), keeps the others; answers the settings as stored. */
  update(patch: SettingsPut): Promise<Settings>;
};

export const settingsKey = (userId: string) => ({ userId, sk: "SET" });

const SettingsItemSchema = z.object({
  defaultCurrency: z.string().optional(),
  locale: z.string().optional(),
  theme: ThemeSchema.optional(),
});

export function toSettings(item: Record<string, unknown> | undefined): Settings {
  const { defaultCurrency, locale, theme } = item ? parseStored(SettingsItemSchema, item, "settings") : {};
  return { defaultCurrency: defaultCurrency ?? DEFAULT_CURRENCY, ...(locale !== undefined ? { locale } : {}), ...(theme !== undefined ? { theme } : {}) };
}

/** One UpdateItem: SET for values, REMOVE for nulls, so a partial PUT never overwrites what it did not send. */
export function settingsUpdate(patch: SettingsPut, updatedAt: string) {
  const names: Record<string, string> = { "#updatedAt": "updatedAt" };
  const values: Record<string, string> = { ":updatedAt": updatedAt };
  const sets = ["#updatedAt = :updatedAt"];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) removes.push(`#${field}`);
    else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  return {
    UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export function createSettings({ client, tableName, rateLimiter, now = () => new Date() }: SettingsDeps): (userId: string) => UserSettings {
  return (userId) => {
    const get = async () => {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: settingsKey(userId), ConsistentRead: true }));
      return toSettings(Item);
    };
    return {
      get,
      async update(patch) {
        await rateLimiter?.consume(userId);
        await transactWrite(client, [{ Update: { TableName: tableName, Key: settingsKey(userId), ...settingsUpdate(patch, now().toISOString()) } }]);
        return get();
      },
    };
  };
}
