// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Coachbook authors
//
// Signs the cases of sigv4-cases.json (argv[2]) with the AWS SDK's signer
// and prints, as JSON, for each case the Authorization header and the
// presigned URL, for test-sync-sigv4 to compare with ours.
'use strict';
const fs = require('fs');
const { SignatureV4 } = require('@smithy/signature-v4');
const { Hash } = require('@smithy/hash-node');
const { escapeUri } = require('@smithy/core/protocols');

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

async function signCase(c) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    region: c.region,
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    // S3 requests carry paths encoded once, as the SDK's S3 client does
    uriEscapePath: false,
  });
  const path = c.path.split('/').map(escapeUri).join('/');
  const date = new Date(c.time * 1000);

  const signed = await signer.sign({
    method: c.method, protocol: 'http:', hostname: c.host, path, query: { ...c.query },
    headers: { host: c.host, 'x-amz-content-sha256': c.payload, ...c.headers },
  }, { signingDate: date });

  const skip = new Set(['x-amz-content-sha256']);
  const presigned = await signer.presign({
    method: c.method, protocol: 'http:', hostname: c.host, path, query: { ...c.query },
    headers: { host: c.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  }, { signingDate: date, expiresIn: c.expires, unhoistableHeaders: skip, unsignableHeaders: skip });

  const query = Object.keys(presigned.query)
    .filter((k) => k !== 'X-Amz-Signature')
    .map((k) => [escapeUri(k), escapeUri(presigned.query[k])])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  query.push(`X-Amz-Signature=${presigned.query['X-Amz-Signature']}`);

  return {
    name: c.name,
    authorization: signed.headers.authorization,
    url: `http://${c.host}${path}?${query.join('&')}`,
  };
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const out = [];
  for (const c of cases) out.push(await signCase(c));
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
