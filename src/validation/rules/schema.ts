/**
 * The generic rules of the schema walker (types, required fields, enums, patterns, lengths, ranges, list semantics,
 * unknown fields). They are defined next to the walker that reports them; this module lists them for the engine.
 */
import { RuleModule } from '../rule-module';
import { SchemaRules } from '../schema';

export const schemaRulesModule: RuleModule = {
  name: 'schema',
  description: 'The upstream CRD schemas restated: field types, required fields, enums, patterns, lengths, ranges and list semantics.',
  rules: Object.values(SchemaRules),
};
