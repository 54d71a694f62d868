import { X509Certificate } from 'node:crypto';

/** One `-----BEGIN <label>----- ... -----END <label>-----` block of a PEM document. */
export interface PemBlock {
  readonly label: string;
  readonly body: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/** The PEM blocks of a document, in order. Text outside blocks is ignored, as OpenSSL does. */
export function pemBlocks(document: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of document.matchAll(BLOCK)) {
    if (match[1] === match[3]) {
      blocks.push({ label: match[1], body: match[2].replace(/\s+/g, '') });
    }
  }
  return blocks;
}

/** Why a value is not a bundle of PEM certificates. */
export type PemBundleProblem = 'no-certificate' | 'private-key' | 'other-block' | 'unparseable';

/**
 * Checks that `document` is one or more PEM `CERTIFICATE` blocks that parse as X.509, and nothing else of PEM kind.
 * Returns the problem, or `undefined` when the bundle is good.
 */
export function checkCertificateBundle(document: string): PemBundleProblem | undefined {
  const blocks = pemBlocks(document);
  if (blocks.some((block) => block.label.includes('PRIVATE KEY'))) {
    return 'private-key';
  }
  if (blocks.length === 0) {
    return 'no-certificate';
  }
  if (blocks.some((block) => block.label !== 'CERTIFICATE')) {
    return 'other-block';
  }
  for (const block of blocks) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(block.body)) {
      return 'unparseable';
    }
    try {
      new X509Certificate(Buffer.from(block.body, 'base64'));
    } catch {
      return 'unparseable';
    }
  }
  return undefined;
}
