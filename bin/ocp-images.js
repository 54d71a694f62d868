#!/usr/bin/env node
'use strict';
const { runCli } = require('../lib/cli/main');

runCli(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`ocp-images: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
