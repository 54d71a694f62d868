// The bundled example as a cdk8s app: `npm run synth` (or `cdk8s synth`) writes its manifests to dist/ and the node
// files the Machine Config Operator would write to preview/.
import { App } from 'cdk8s';
import { DisconnectedImagesChart } from './cluster-images';

const app = new App();
new DisconnectedImagesChart(app, 'cluster-images');
app.synth();
