/* This file is what `sst dev`/`sst deploy` generate from sst.config.ts; kept in git so the app type-checks offline. */
/* deno-fmt-ignore-file */
/* eslint-disable */
import "sst";
declare module "sst" {
  export interface Resource {
    "CursorSecret": {
      "type": "sst.sst.Secret"
      "value": string
    }
    "Expenses": {
      "name": string
      "type": "sst.aws.Dynamo"
    }
    "Export": {
      "name": string
      "type": "sst.aws.Function"
      "url": string
    }
    "Import": {
      "name": string
      "type": "sst.aws.Function"
    }
    "Files": {
      "name": string
      "type": "sst.aws.Bucket"
    }
    "ReceiptReader": {
      "kind": string
      "type": "sst.sst.Linkable"
    }
    "UserPool": {
      "id": string
      "type": "sst.aws.CognitoUserPool"
    }
    "UserPoolClient": {
      "id": string
      "secret": string
      "type": "sst.aws.CognitoUserPoolClient"
    }
  }
}
export {}
