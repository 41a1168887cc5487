/**
 * The imports repository of this deployment: the table and bucket from `Resource`, and the import function
 * (`Resource.Import.name`) started through Lambda's asynchronous Invoke — on AWS the real service, locally the
 * runner's Lambda API (AWS_ENDPOINT_URL_LAMBDA), so this code is the same in both.
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { Resource } from "sst";
import { sharedDocumentClient } from "@/lib/dynamo-client";
import { createImportFiles } from "@/lib/imports/import-files";
import { createImports, type UserImports } from "@/lib/imports/imports";
import { sharedS3Client } from "@/lib/s3-client";

let imports: ((userId: string) => UserImports) | undefined;
let lambda: LambdaClient | undefined;

/** The signed-in user's imports; `userId` must come from server/auth's requireUser. Built on first use. */
export function importsOf(userId: string): UserImports {
  if (!imports) {
    lambda ??= new LambdaClient({});
    const client = lambda;
    imports = createImports({
      client: sharedDocumentClient(),
      tableName: Resource.Expenses.name,
      files: createImportFiles({ s3: sharedS3Client(), bucket: Resource.Files.name }),
      invoke: async (command) => {
        await client.send(new InvokeCommand({ FunctionName: Resource.Import.name, InvocationType: "Event", Payload: JSON.stringify(command) }));
      },
    });
  }
  return imports(userId);
}
