// Verify a Maharat credential independently of the app, with Digital Bazaar's libraries.
//
//   node verify.mjs CREDENTIAL.json [DOCUMENT.json ...]
//
// DOCUMENT files are what a verifier would fetch over HTTP (the issuer profile, the status list
// credential); they are indexed by their "id". JSON-LD contexts come from the app's vendored copies
// (lms/static/certificates/contexts). Nothing is fetched from the network.
//
// Prints one JSON line {verified, revoked, error} and exits 0 when the proof is valid and the
// certificate is not revoked, 2 when it is valid but revoked, 1 when verification fails.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as vc from '@digitalbazaar/vc';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = process.env.CONTEXTS_DIR ||
  join(here, '..', '..', 'lms', 'static', 'certificates', 'contexts');
const readJson = path => JSON.parse(readFileSync(path, 'utf8'));

const contexts = new Map();
for(const [url, file] of Object.entries(readJson(join(contextsDir, 'index.json')))) {
  contexts.set(url, readJson(join(contextsDir, file)));
}

const [credentialPath, ...documentPaths] = process.argv.slice(2);
if(!credentialPath) {
  console.error('usage: node verify.mjs CREDENTIAL.json [DOCUMENT.json ...]');
  process.exit(3);
}
const documents = new Map();
for(const path of documentPaths) {
  const document = readJson(path);
  documents.set(document.id, document);
}

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  const [base, fragment] = url.split('#');
  const document = documents.get(base);
  if(!document) {
    throw new Error(`not available offline: ${url}`);
  }
  if(fragment === undefined) {
    return {contextUrl: null, documentUrl: url, document};
  }
  // A verification method inside a controller document (the issuer profile).
  const method = (document.verificationMethod || []).find(m => m.id === url);
  if(!method) {
    throw new Error(`no verification method ${url}`);
  }
  return {
    contextUrl: null,
    documentUrl: url,
    document: {'@context': 'https://w3id.org/security/multikey/v1', ...method}
  };
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const credential = readJson(credentialPath);
let result;
try {
  result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: options => checkStatus({...options, verifyBitstringStatusListCredential: true})
  });
} catch(error) {
  result = {verified: false, error};
}

const statuses = result.statusResult?.results || [];
const revoked = statuses.length ? statuses.some(s => s.status === true) : null;
const firstError = result.error?.errors?.[0] || result.error ||
  result.results?.find(r => !r.verified)?.error || result.statusResult?.error;
console.log(JSON.stringify({
  verified: Boolean(result.verified),
  revoked,
  error: firstError ? String(firstError.message || firstError) : null
}));
process.exit(!result.verified ? 1 : revoked ? 2 : 0);
