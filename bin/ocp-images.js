#!/usr/bin/env node
'use strict';
// The CLI from its bundle with a V8 code cache when `npm run build` made them, else from lib/cli/main.js
// (src/cli/bundle-loader.ts says why and when).
const { runCli } = require('../lib/cli/bundle-loader').loadCli();

runCli(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`ocp-images: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
