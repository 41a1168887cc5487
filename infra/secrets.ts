/**
 * The HMAC key that signs list cursors (DESIGN.md "Cursor"). No placeholder: a deploy fails until it is set with
 * `npx sst secret set CursorSecret "$(openssl rand -base64 32)" --stage <stage>`.
 */
export const cursorSecret = new sst.Secret("CursorSecret");
