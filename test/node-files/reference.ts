/**
 * The golden node-file data (`mco-cases.json`, `mco-predicates.json`), read from the repository's upstream fixtures
 * (`test/fixtures/upstream/`, see SOURCE.md there). A missing file fails the suite that reads it.
 */
import { readUpstreamFixture } from '../support/upstream-fixtures';

/** Reads the golden data file `name` from the upstream fixtures; throws, naming the file, when it is missing. */
export function loadReference<T>(name: string): T {
  return readUpstreamFixture<T>(name);
}
