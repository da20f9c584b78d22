// An independent verifier for Parcours's credentials: Digital Bazaar's @digitalbazaar/vc with
// the eddsa-rdfc-2022 cryptosuite (pinned in tests/package.json), none of Parcours's code.
//
//   node tests/credentials/verify_independently.mjs [--documents FILE] [--now ISO]
//     [--assertion-only] < credential.json
//
// --assertion-only checks the proof as an assertion by its key's controller without the VC
// rule that the issuer is that controller (the W3C test vector's key is a did:key, its issuer
// https://vc.example/issuers/5678).
//
// Prints one JSON line: {"verified": true|false, "error": "...", "status": {...}}.
//
// The document loader serves ONLY:
//   - the JSON-LD contexts Parcours keeps (parcours/credentials/contexts/index.json), and the
//     security v2 context the library's own controller check frames with (shipped inside
//     @digitalbazaar/security-context);
//   - the documents in --documents (a JSON object mapping URL -> document), e.g. an issuer's
//     controller document;
//   - http(s) URLs on 127.0.0.1 / localhost / [::1] (the running demo serving the issuer's
//     profile and status lists), fetched as JSON.
// Anything else is refused: nothing leaves the machine.
//
// A verification method `{issuer}#key-N` resolves to the Multikey of that id inside the issuer's
// controller document. A BitstringStatusListEntry is checked by loading the status list
// credential the same way, verifying its proof with the same suite, and reading the bit
// (W3C Bitstring Status List 1.0: multibase base64url of a GZIP-compressed bitstring, the
// first index at the most significant bit of the first byte).

import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', '..', 'parcours', 'credentials', 'contexts');

const args = process.argv.slice(2);
function option(name) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const documents = new Map();
const index = JSON.parse(readFileSync(join(contextsDir, 'index.json'), 'utf8'));
for(const [url, file] of Object.entries(index)) {
  documents.set(url, JSON.parse(readFileSync(join(contextsDir, file), 'utf8')));
}
const security = require('@digitalbazaar/security-context');
documents.set(security.SECURITY_CONTEXT_V2_URL, security.contexts.get(
  security.SECURITY_CONTEXT_V2_URL));
const documentsFile = option('--documents');
if(documentsFile) {
  for(const [url, doc] of Object.entries(
    JSON.parse(readFileSync(documentsFile, 'utf8')))) {
    documents.set(url, doc);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const fetched = [];

async function load(url) {
  if(documents.has(url)) {
    return structuredClone(documents.get(url));
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Refused to load ${url}: not a URL.`);
  }
  if(!['http:', 'https:'].includes(parsed.protocol) ||
    !LOOPBACK.has(parsed.hostname)) {
    throw new Error(`Refused to load ${url}: only local copies and loopback.`);
  }
  const response = await fetch(url, {
    headers: {Accept: 'application/ld+json, application/json'},
    redirect: 'error'
  });
  if(!response.ok) {
    throw new Error(`Loading ${url} answered ${response.status}.`);
  }
  fetched.push(url);
  const doc = await response.json();
  documents.set(url, doc);
  return structuredClone(doc);
}

async function documentLoader(url) {
  const [base, fragment] = url.split('#');
  if(fragment !== undefined) {
    // a verification method: the Multikey of that id in its controller document
    const controller = await load(base);
    const methods = [].concat(controller.verificationMethod || []);
    const method = methods.find(m => m && m.id === url);
    if(!method) {
      throw new Error(`No verification method ${url} in ${base}.`);
    }
    return {
      contextUrl: null,
      documentUrl: url,
      document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}
    };
  }
  return {contextUrl: null, documentUrl: url, document: await load(url)};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

function bitAt(encodedList, index) {
  if(typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new Error('encodedList is not multibase base64url.');
  }
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  const byte = Math.floor(index / 8);
  if(byte >= bits.length) {
    throw new Error(`statusListIndex ${index} is beyond the list.`);
  }
  return (bits[byte] >> (7 - (index % 8))) & 1;
}

async function checkStatus({credential}) {
  const entries = [].concat(credential.credentialStatus);
  for(const entry of entries) {
    if(entry.type !== 'BitstringStatusListEntry') {
      return {verified: false, error: `Unsupported status type ${entry.type}.`};
    }
    const {document: list} = await documentLoader(entry.statusListCredential);
    const listResult = await vc.verifyCredential({
      credential: list, suite, documentLoader
    });
    if(!listResult.verified) {
      return {verified: false, error: 'The status list credential does not verify.'};
    }
    const subject = list.credentialSubject || {};
    if(subject.statusPurpose !== entry.statusPurpose) {
      return {verified: false, error: 'The status list has another purpose.'};
    }
    const bit = bitAt(subject.encodedList, Number.parseInt(entry.statusListIndex, 10));
    if(bit === 1) {
      return {verified: false, error: `Status ${entry.statusPurpose}: set.`};
    }
  }
  return {verified: true};
}

function describe(error) {
  if(!error) {
    return undefined;
  }
  if(Array.isArray(error)) {
    return error.map(describe).join('; ');
  }
  if(error.errors) {
    return describe(error.errors);
  }
  return String(error.message || error);
}

let verdict;
try {
  const credential = JSON.parse(readFileSync(0, 'utf8'));
  const now = option('--now');
  const purpose = args.includes('--assertion-only') ?
    new jsigs.purposes.AssertionProofPurpose() : undefined;
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, checkStatus,
    ...(now ? {now} : {}), ...(purpose ? {purpose} : {})
  });
  verdict = {
    verified: result.verified === true,
    error: result.verified ? undefined :
      describe(result.error) ||
      describe(result.results?.map(r => r.error).filter(Boolean)) ||
      describe(result.statusResult?.error),
    status: result.statusResult
  };
} catch(error) {
  verdict = {verified: false, error: describe(error)};
}
verdict.fetched = fetched;
process.stdout.write(JSON.stringify(verdict) + '\n');
