#!/usr/bin/env node
// `npm run bench`: runs every benchmark in this folder, one process each (so one cannot warm up or pollute another).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const only = process.argv.slice(2);
const files = fs.readdirSync(__dirname)
  .filter((file) => file.endsWith('.js') && file !== 'run.js' && file !== 'stats.js')
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, file)], { stdio: 'inherit' });
  failed = failed || result.status !== 0;
}
process.exitCode = failed ? 1 : 0;
