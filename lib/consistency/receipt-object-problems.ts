/**
 * The receipt-object invariants, pure: every object under receipts/ belongs to a live expense or scan (no
 * orphans) and is one its item points at (no strays left behind by a replaced or refused upload), and every
 * ready receipt's file and thumbnail exist.
 */
import { parseReceiptKey, receiptPrefix, THUMBNAIL_SUFFIX } from "../receipts/receipt-keys";

/** An expense or scan item and the objects its `receipt` / `replacement` name. */
export type ReceiptOwner = {
  userId: string;
  /** The expense's (or scan's) id: its objects live under receipts/<userId>/<id>/. */
  id: string;
  /** Keys the item names (its upload, a replacement in flight, and their thumbnails): may exist. */
  referenced: readonly string[];
  /** Keys a ready receipt needs: must exist. */
  required: readonly string[];
};

export type MissingObject = { userId: string; id: string; key: string };
export type ReceiptObjectProblems = { orphanObjects: string[]; unreferencedObjects: string[]; missingObjects: MissingObject[] };

/** The owner prefix of a stored object (receipts/<user>/<id>/), or undefined when the key has no valid shape. */
function ownerPrefixOf(key: string): string | undefined {
  const upload = key.endsWith(THUMBNAIL_SUFFIX) ? key.slice(0, -THUMBNAIL_SUFFIX.length) : key;
  const parts = parseReceiptKey(upload);
  return parts && receiptPrefix(parts.userId, parts.expenseId);
}

export function receiptObjectProblems(objectKeys: readonly string[], owners: readonly ReceiptOwner[]): ReceiptObjectProblems {
  const byPrefix = new Map(owners.map((owner) => [receiptPrefix(owner.userId, owner.id), owner]));
  const orphanObjects: string[] = [];
  const unreferencedObjects: string[] = [];
  for (const key of objectKeys) {
    const prefix = ownerPrefixOf(key);
    const owner = prefix === undefined ? undefined : byPrefix.get(prefix);
    if (!owner) orphanObjects.push(key);
    else if (!owner.referenced.includes(key)) unreferencedObjects.push(key);
  }
  const stored = new Set(objectKeys);
  const missingObjects = owners.flatMap((owner) => owner.required.filter((key) => !stored.has(key)).map((key) => ({ userId: owner.userId, id: owner.id, key })));
  return { orphanObjects: orphanObjects.sort(), unreferencedObjects: unreferencedObjects.sort(), missingObjects };
}
