import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", ".cache/**", "tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/routes/*", "../routes/*", "./routes/*"],
              message:
                "Routes never import from other routes; move shared code to app/domain, app/components or app/utils.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["./*", "../routes/*", "~/routes/*"],
              message: "Routes never import from other routes.",
            },
          ],
        },
      ],
    },
  },
  {
    // A route folder's own pieces sit beside its route.tsx (`./refund-form`); reaching up
    // into another route stays forbidden.
    files: ["app/routes/*/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../*", "~/routes/*"],
              message:
                "Routes never import from other routes; a route folder imports only its own pieces.",
            },
          ],
        },
      ],
    },
  },
  {
    // Modules that reach the browser bundle must not take values from .server modules:
    // Remix empties those in the browser, and the page breaks only there.
    files: [
      "app/components/**",
      "app/i18n/!(*.server|*.test).ts",
      "app/domain/**/!(*.server|*.test).ts",
      "app/utils/!(*.server|*.test).ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/*.server", "*.server"],
              allowTypeImports: true,
              message: "Browser-bound modules may import only types from .server modules.",
            },
          ],
        },
      ],
    },
  },
  {
    // Sizes a newcomer can read in one sitting (ADR 030); tests and catalogues are exempt.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "app/i18n/**"],
    rules: { "max-lines-per-function": ["error", { max: 80 }] },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: { "max-lines": ["error", { max: 250 }] },
  },
  {
    files: ["app/domain/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "max-lines": ["error", { max: 500 }] },
  },
  {
    files: ["app/routes/**/*.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
