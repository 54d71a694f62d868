// The bundled example as a cdk8s app: `npm run synth` (or `cdk8s synth`) writes its manifests to dist/ and the node
// files the Machine Config Operator would write from them to preview/.
import { App } from 'cdk8s';
import { NodeFilesPreview } from 'cdk-openshift-images';
import { DisconnectedImagesChart, RELEASE_IMAGE } from './cluster-images';
import { addRegistry } from './registry';

const app = new App();
const chart = new DisconnectedImagesChart(app, 'cluster-images');
// The internal registry on the S3 bucket of the AWS example (examples/aws), and its pruner.
addRegistry(chart);
app.synth();

// After synth, so the preview is only written for a configuration that passed every check.
const preview = NodeFilesPreview.write(app, process.env.OCP_IMAGES_PREVIEW_OUTDIR ?? 'preview', { releaseImage: RELEASE_IMAGE });
for (const file of preview.files) {
  console.log(`preview: ${file.path}`);
}
