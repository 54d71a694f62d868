// Imported first by the main entry (src/index.ts): its Kubernetes constructs load cdk8s and constructs.
import { entryName, requirePeerDependencies } from './index';

requirePeerDependencies(entryName(), ['constructs', 'cdk8s']);
