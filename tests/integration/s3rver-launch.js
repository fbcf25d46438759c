// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright 2026 The Coachbook authors
//
// Starts s3rver (a local S3-protocol server that checks SigV4 signatures) on
// 127.0.0.1, a free port, storing in argv[2], with the bucket argv[3] and the
// key pair argv[4]/argv[5]; prints PORT=N once it listens.
'use strict';
const S3rver = require('@20minutes/s3rver/lib/s3rver.js');
const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account.js');

const [directory, bucket, accessKey, secretKey] = process.argv.slice(2);
DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  .run()
  .then(({ port }) => console.log(`PORT=${port}`))
  .catch((e) => { console.error(e); process.exit(1); });
