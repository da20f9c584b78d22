// A real OpenID Provider (the certified npm package oidc-provider) on loopback, for the
// SURFconext login tests (tests/accounts/oidc/). Never used outside the tests.
//
//   node provider.mjs REDIRECT_BASE
//
// It listens on 127.0.0.1 on a free port and prints one JSON line {"issuer": "http://127.0.0.1:PORT"}
// once it answers. REDIRECT_BASE (e.g. http://testserver) is where Parcours runs: its callback and
// post-logout addresses are registered for every client.
//
// Users (log in with their id at /interaction/<uid>, any password; the form's `acr` field is the
// assurance level the login reached, as SURFsecureID would state it) carry SURFconext's claims.
//
// Clients: `parcours` behaves. The others show how a misbehaving provider or a man in the middle
// would answer at the token endpoint; the provider really issues and signs the ID token, then the
// answer is changed as named (the tampering hook below), so Parcours's checks meet real tokens:
//   parcours-bad-signature   the ID token re-signed with a key the provider never published
//   parcours-alg-none        the ID token with `alg: none` and no signature
//   parcours-wrong-audience  `aud` another client's id (`azp` this one's), signed with the
//                            provider's own key
//   parcours-wrong-issuer    `iss` another issuer, signed with the provider's own key
//   parcours-replayed-nonce  every answer after the first is the first answer again (its ID token
//                            genuine, its nonce the first login's)
//   parcours-expired         an ID token that expired an hour ago, signed with the provider's key
//   parcours-userinfo-other-subject  the UserInfo endpoint answers about another subject
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const redirectBase = process.argv[2] || 'http://testserver';
const SECRET = 'test-client-secret-not-for-production';
const ACR_VALUES = [
  'http://test.surfconext.nl/assurance/loa1',
  'http://test.surfconext.nl/assurance/loa2',
  'http://test.surfconext.nl/assurance/sfo-level2',
];

const USERS = {
  'coach-jansen': {
    name: 'Anna Jansen',
    given_name: 'Anna',
    family_name: 'Jansen',
    email: 'a.jansen@hogeschool.example',
    eduperson_affiliation: ['employee', 'member'],
    schac_home_organization: 'hogeschool.example',
  },
  'student-bakker': {
    name: 'Bram Bakker',
    given_name: 'Bram',
    family_name: 'Bakker',
    email: 'b.bakker@student.hogeschool.example',
    eduperson_affiliation: ['student'],
    schac_home_organization: 'hogeschool.example',
  },
};
// SURFconext's subjects are opaque; a fixed hash per user keeps them stable across runs.
const subjectOf = (id) => crypto.createHash('sha256').update(`sub:${id}`).digest('hex').slice(0, 40);
const accountBySubject = Object.fromEntries(Object.keys(USERS).map((id) => [subjectOf(id), id]));

const TAMPERED = [
  'parcours-bad-signature',
  'parcours-alg-none',
  'parcours-wrong-audience',
  'parcours-wrong-issuer',
  'parcours-replayed-nonce',
  'parcours-expired',
  'parcours-userinfo-other-subject',
];

function rsaKey(kid) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}
const published = rsaKey('published-key');
const unpublished = rsaKey('published-key'); // same kid: only the signature tells them apart

const b64url = (value) => Buffer.from(value).toString('base64url');
function decode(jwt) {
  const [header, payload] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    payload: JSON.parse(Buffer.from(payload, 'base64url')),
  };
}
function sign(header, payload, privateKey) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  if (privateKey === null) return `${input}.`;
  const signature = crypto.sign('sha256', Buffer.from(input), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

const firstAnswers = new Map();
function tamper(clientId, body, issuer) {
  const { header, payload } = decode(body.id_token);
  switch (clientId) {
    case 'parcours-bad-signature':
      return { ...body, id_token: sign(header, payload, unpublished.privateKey) };
    case 'parcours-alg-none':
      return { ...body, id_token: sign({ ...header, alg: 'none' }, payload, null) };
    case 'parcours-wrong-audience':
      // azp names this client, so only a check of `aud` itself refuses it
      return { ...body, id_token: sign(header, { ...payload, aud: 'another-client', azp: clientId }, published.privateKey) };
    case 'parcours-wrong-issuer':
      return { ...body, id_token: sign(header, { ...payload, iss: `${issuer}/other` }, published.privateKey) };
    case 'parcours-expired': {
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      return { ...body, id_token: sign(header, { ...payload, iat: hourAgo - 600, exp: hourAgo }, published.privateKey) };
    }
    case 'parcours-replayed-nonce':
      if (!firstAnswers.has(clientId)) firstAnswers.set(clientId, body);
      return firstAnswers.get(clientId);
    default:
      return body;
  }
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(data))));
    req.on('error', reject);
  });
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const clients = ['parcours', ...TAMPERED].map((clientId) => ({
    client_id: clientId,
    client_secret: SECRET,
    redirect_uris: [`${redirectBase}/account/surfconext/terug/`],
    post_logout_redirect_uris: [`${redirectBase}/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }));
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [published.jwk] },
    acrValues: ACR_VALUES,
    claims: {
      openid: ['sub', 'acr'], // as SURFconext: the level reached is always in the ID token
      profile: ['name', 'given_name', 'family_name', 'eduperson_affiliation', 'schac_home_organization'],
      email: ['email'],
    },
    cookies: { keys: ['test-cookie-key-not-for-production'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const id = accountBySubject[sub];
      if (!id) return undefined;
      return { accountId: sub, async claims() { return { sub, ...USERS[id] }; } };
    },
    // Parcours is a first-party client here: consent is given without a page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['acr']);
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx, next) => {
    const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
    if (match && ctx.method === 'GET') {
      const { uid } = await provider.interactionDetails(ctx.req, ctx.res);
      ctx.type = 'html';
      ctx.body = `<!doctype html><form method="post" action="/interaction/${escape(uid)}">
        <input name="login"> <input name="password" type="password">
        <select name="acr">${ACR_VALUES.map((v) => `<option>${escape(v)}</option>`).join('')}</select>
        <button>Log in</button></form>`;
      return;
    }
    if (match && ctx.method === 'POST') {
      const form = await readForm(ctx.req);
      if (!USERS[form.login]) {
        ctx.status = 400;
        ctx.body = 'unknown user';
        return;
      }
      const acr = ACR_VALUES.includes(form.acr) ? form.acr : ACR_VALUES[0];
      ctx.respond = false;
      await provider.interactionFinished(ctx.req, ctx.res, {
        login: { accountId: subjectOf(form.login), acr },
      }, { mergeWithLastSubmission: false });
      return;
    }
    await next();
    const clientId = ctx.oidc?.client?.clientId;
    if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && TAMPERED.includes(clientId)) {
      ctx.body = tamper(clientId, ctx.body, issuer);
    }
    if (ctx.path === '/me' && ctx.status === 200 && clientId === 'parcours-userinfo-other-subject') {
      ctx.body = { ...ctx.body, sub: subjectOf('student-bakker') };
    }
  });

  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
