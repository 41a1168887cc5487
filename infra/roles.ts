/**
 * SST's function roles also trust the account root (its check `!dev` tests an Output, which is always truthy), so
 * that `sst dev` can run a live handler on the laptop with the function's own role. Deployed, a function's role
 * is only ever assumed by Lambda: trust nothing else. Use as a function's `transform` (or spread it into one).
 */
export const deployedRole = {
  role: (args: aws.iam.RoleArgs): undefined => {
    if (!$dev) args.assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" });
  },
};
