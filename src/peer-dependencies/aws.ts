// Imported first by the `aws` subpath entry (src/aws.ts): its constructs load cdktf and the AWS provider, not cdk8s.
import { entryName, requirePeerDependencies } from './index';

requirePeerDependencies(entryName('aws'), ['constructs', 'cdktf', '@cdktf/provider-aws']);
