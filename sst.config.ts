// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- SST's globals ($config, sst.aws.*); sst.config.ts may not import at top level
/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    const isProduction = input?.stage === "production";
    return {
      name: "ledgerline",
      home: "aws",
      // Production keeps its table, bucket and user pool on `sst remove`, and `protect` refuses the removal.
      removal: isProduction ? "retain" : "remove",
      protect: isProduction,
    };
  },
  async run() {
    // Imported in order: storage and auth first, the site and functions link them (infra/*.ts, one file per concern).
    const { table, bucket } = await import("./infra/storage");
    const { userPool, userPoolClient } = await import("./infra/auth");
    // The import function before the bucket's notifications (which point at it) and the site (which invokes it).
    await import("./infra/imports");
    await import("./infra/functions");
    await import("./infra/analytics");
    const { exportFunction } = await import("./infra/export");
    const { router } = await import("./infra/router");
    const { site } = await import("./infra/web");
    return {
      url: router.url,
      site: site.url,
      // The Router's /api/export (the function's own URL is not advertised: the browser goes through the Router).
      export: exportFunction.url,
      table: table.name,
      bucket: bucket.name,
      userPool: userPool.id,
      userPoolClient: userPoolClient.id,
    };
  },
});
