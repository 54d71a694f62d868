// The subpath 'cdk-openshift-images/rosa': cdktf constructs for ROSA HCP clusters managed with the rhcs Terraform
// provider, and the ROSA HCP export functions. Loading it loads cdktf; the main entry never does. It needs neither
// cdk8s nor the main entry. First, before anything loads cdktf: a missing peer dependency is reported with the version
// to install.
import { entryName, requirePeerDependencies } from './peer-dependencies/index';

requirePeerDependencies(entryName('rosa'), ['constructs', 'cdktf']);

export * from './constructs/aws/rosa/rhcs-provider';
export * from './constructs/aws/rosa/rhcs-image-mirror';
export * from './constructs/aws/rosa/rosa-hcp-image-configuration';
// The plain export, so a Terraform-only app needs a single import.
export * from './targets/outcome';
export * from './targets/input';
export * from './targets/rosa-hcp';
export * from './targets/rhcs';
export * from './targets/rosa-cli';
