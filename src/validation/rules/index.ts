/**
 * The rule modules of this library, in order: the engine runs their checks, and docs/rules.md lists their rules, in
 * this order. A module joins the engine by being listed here and nowhere else.
 */
import { RuleModule } from '../rule-module';
import { awsStorageRulesModule } from './aws-storage';
import { imageRulesModule } from './image';
import { imagePrunerRulesModule } from './image-pruner';
import { imageRegistryConfigRulesModule } from './image-registry-config';
import { machineConfigOperatorRulesModule } from './machine-config-operator';
import { machineConfigurationRulesModule } from './machine-configuration';
import { mirrorSetRulesModule } from './mirror-sets';
import { objectRulesModule } from './objects';
import { schemaRulesModule } from './schema';
import { targetRulesModule } from './targets';

export const DEFAULT_RULE_MODULES: readonly RuleModule[] = [
  objectRulesModule,
  schemaRulesModule,
  imageRulesModule,
  mirrorSetRulesModule,
  machineConfigOperatorRulesModule,
  imageRegistryConfigRulesModule,
  imagePrunerRulesModule,
  machineConfigurationRulesModule,
  targetRulesModule,
  awsStorageRulesModule,
];
