import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // DESIGN "Rules of the house": lib/ is the framework-free domain. Its tests may use vitest; their builders may not.
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "react", message: "lib/ is framework-free: React code belongs in client/ or components/." },
            { name: "react-dom", message: "lib/ is framework-free: React code belongs in client/ or components/." },
            { name: "next", message: "lib/ is framework-free: Next.js code belongs in app/ or server/." },
            { name: "aws-amplify", message: "lib/ is framework-free: Amplify belongs in client/." },
            { name: "sst", message: "lib/ never reads deployment wiring: build it in server/ or functions/." },
            { name: "vitest", message: "vitest belongs in *.test.ts files." },
            { name: "aws-lambda", message: "lib/ takes no Lambda types: adapt the event in functions/." },
          ],
          patterns: [
            { group: ["react/*", "react-dom/*", "next/*", "@next/*"], message: "lib/ is framework-free (no React or Next.js)." },
            { group: ["aws-amplify/*", "@aws-amplify/*"], message: "lib/ is framework-free: Amplify belongs in client/." },
            { group: ["sst/*"], message: "lib/ never reads deployment wiring." },
            { group: ["vitest/*", "@vitest/*"], message: "vitest belongs in *.test.ts files." },
            { group: ["@types/aws-lambda", "@/client/*", "@/components/*", "@/app/*", "@/server/*"], message: "lib/ depends on nothing above it." },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".open-next/**",
      ".sst/**",
      ".local/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "sst-env.d.ts",
    ],
  },
);
