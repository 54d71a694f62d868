import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_RULE_MODULES } from '../../../src/validation';

test('GIVEN the engine\'s rule modules WHEN the tables are listed THEN every module has its valid/invalid table under test/validation/rules/', () => {
  const missing = DEFAULT_RULE_MODULES.map((module) => module.name).filter((name) => !fs.existsSync(path.join(__dirname, `${name}.test.ts`)));
  expect(missing).toEqual([]);
});
