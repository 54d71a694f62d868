/**
 * The example cdktf app (the `app` of `cdktf.json`), run as `node lib-examples/aws/main.js` after
 * `tsc -p tsconfig.examples.json`. It writes `cdktf.out/` at the repository root (or `$CDKTF_OUTDIR`).
 */
import * as path from 'node:path';
import { exampleApp } from './stacks';

// Resolve the output folder from this file, not from the working directory: the compiled app sits two levels below
// the repository root.
exampleApp(process.env.CDKTF_OUTDIR ?? path.resolve(__dirname, '..', '..', 'cdktf.out')).synth();
