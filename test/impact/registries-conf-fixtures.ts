/**
 * registries.conf files for the safe-change tests, written as TOML text the way the daemon reads them. Built from a
 * compact description with smol-toml's serializer, so a test states only what matters to it.
 */
import { stringify } from 'smol-toml';

/** A `[[registry.mirror]]` table; absent keys are left out of the text (Go zero values). */
export interface MirrorSpec {
  readonly location: string;
  readonly insecure?: boolean;
  readonly pull?: string;
}

/** A `[[registry]]` table. */
export interface RegistrySpec {
  readonly prefix?: string;
  readonly location?: string;
  readonly insecure?: boolean;
  readonly blocked?: boolean;
  readonly mirrorByDigestOnly?: boolean;
  readonly pull?: string;
  readonly mirrors?: readonly MirrorSpec[];
}

/** A registries.conf. */
export interface ConfSpec {
  readonly search?: readonly string[];
  readonly registries?: readonly RegistrySpec[];
}

function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The TOML text of `spec`. */
export function confText(spec: ConfSpec): string {
  const document = defined({
    'unqualified-search-registries': spec.search ? [...spec.search] : undefined,
    registry: spec.registries && spec.registries.length > 0 ? spec.registries.map((registry) => defined({
      prefix: registry.prefix,
      location: registry.location,
      insecure: registry.insecure,
      blocked: registry.blocked,
      'mirror-by-digest-only': registry.mirrorByDigestOnly,
      'pull-from-mirror': registry.pull,
      mirror: registry.mirrors && registry.mirrors.length > 0
        ? registry.mirrors.map((mirror) => defined({ location: mirror.location, insecure: mirror.insecure, 'pull-from-mirror': mirror.pull }))
        : undefined,
    })) : undefined,
  });
  return stringify(document);
}

/** A mirror as the MCO writes an IDMS or ICSP mirror. */
export const digestMirror = (location: string): MirrorSpec => ({ location, pull: 'digest-only' });
/** A mirror as the MCO writes an ITMS mirror. */
export const tagMirror = (location: string): MirrorSpec => ({ location, pull: 'tag-only' });
